package backend

// Event names, "area:verb". Every transport delivers the same names and payloads: the desktop
// window through the Wails runtime, browsers through the HTTP event stream.
const (
	EventWorkspaceCreated      = "workspace:created"           // payload: Workspace
	EventWorkspaceRenamed      = "workspace:renamed"           // payload: Workspace (the new name)
	EventWorkspaceDeleted      = "workspace:deleted"           // payload: Workspace
	EventWorkspaceSwitched     = "workspace:switched"          // payload: Workspace
	EventSettingsUpdated       = "settings:updated"            // payload: Settings
	EventMessageReceived       = "inbox:message_received"      // payload: MessageReceivedEvent
	EventTriageSettingsUpdated = "triage:settings_updated"     // payload: TriageSettings
	EventConversationsChanged  = "inbox:conversations_updated" // payload: []int64, the conversation ids
	EventTemplatesChanged      = "templates:changed"           // payload: TemplatesChangedEvent
	EventRepliesChanged        = "replies:changed"             // payload: RepliesChangedEvent
	EventDraftDelta            = "draft:delta"                 // payload: DraftDeltaEvent
	EventReplySettingsUpdated  = "replies:settings_updated"    // payload: ReplySettings
	EventModelSettingsUpdated  = "model:settings_updated"      // payload: ModelSettings
	EventConsentChanged        = "consent:changed"             // payload: Consent
	EventAuditAppended         = "audit:appended"              // payload: nothing
	EventAccountsChanged       = "accounts:changed"            // payload: Account
	EventSyncProgress          = "accounts:sync_progress"      // payload: Account
	EventImportProgress        = "import:progress"             // payload: ImportProgressEvent
)

// Event is something that happened, published after the change is durable.
type Event struct {
	Name    string `json:"name"`
	Payload any    `json:"payload"`
}

// Publisher publishes events to every subscriber.
type Publisher interface {
	Publish(name string, payload any)
}
