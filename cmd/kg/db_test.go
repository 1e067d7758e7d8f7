package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestResolveDBDir(t *testing.T) {
	tests := []struct {
		name    string
		flag    string
		goos    string
		env     map[string]string
		want    string
		wantErr string
	}{
		{name: "flag wins", flag: "/data/db", goos: "linux", env: map[string]string{"KG_DB": "/env/db", "HOME": "/home/u"}, want: "/data/db"},
		{name: "KG_DB next", goos: "linux", env: map[string]string{"KG_DB": "rel/db", "HOME": "/home/u"}, want: "rel/db"},
		{name: "linux XDG_DATA_HOME", goos: "linux", env: map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, want: filepath.Join("/xdg", "kg")},
		{name: "linux relative XDG_DATA_HOME ignored", goos: "linux", env: map[string]string{"XDG_DATA_HOME": "xdg", "HOME": "/home/u"}, want: filepath.Join("/home/u", ".local", "share", "kg")},
		{name: "linux HOME", goos: "linux", env: map[string]string{"HOME": "/home/u"}, want: filepath.Join("/home/u", ".local", "share", "kg")},
		{name: "freebsd like linux", goos: "freebsd", env: map[string]string{"HOME": "/home/u"}, want: filepath.Join("/home/u", ".local", "share", "kg")},
		{name: "macOS", goos: "darwin", env: map[string]string{"HOME": "/Users/u", "XDG_DATA_HOME": "/xdg"}, want: filepath.Join("/Users/u", "Library", "Application Support", "kg")},
		{name: "windows", goos: "windows", env: map[string]string{"LocalAppData": `C:\Users\u\AppData\Local`, "HOME": "/home/u"}, want: filepath.Join(`C:\Users\u\AppData\Local`, "kg")},
		{name: "linux without HOME", goos: "linux", env: map[string]string{}, wantErr: "neither $XDG_DATA_HOME nor $HOME is set"},
		{name: "windows without LocalAppData", goos: "windows", env: map[string]string{"HOME": "/home/u"}, wantErr: "%LocalAppData% is not set"},
		{name: "macOS without HOME", goos: "darwin", env: map[string]string{}, wantErr: "$HOME is not set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(key string) string { return tt.env[key] }
			got, err := resolveDBDir(tt.flag, tt.goos, getenv)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "--db") {
					t.Fatalf("resolveDBDir = %q, %v; want an error with %q and a hint at --db", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("resolveDBDir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
