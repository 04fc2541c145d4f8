package system

import "golang.org/x/sys/windows/registry"

// windowsZoneName reads the Windows time zone key name ("Romance Standard Time").
func windowsZoneName() string {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `SYSTEM\CurrentControlSet\Control\TimeZoneInformation`, registry.QUERY_VALUE)
	if err != nil {
		return ""
	}
	defer k.Close()
	name, _, err := k.GetStringValue("TimeZoneKeyName")
	if err != nil {
		return ""
	}
	return name
}
