package system

// WindowsZones exposes the Windows → IANA table to the external tests.
func WindowsZones() map[string]string { return windowsZones }
