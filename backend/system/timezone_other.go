//go:build !windows

package system

// windowsZoneName is empty outside Windows, where the zone comes from TZ or /etc.
func windowsZoneName() string { return "" }
