package app_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The translation keys backend errors carry: .Localized("key", ...), or .Localized(Name, ...) with
// a string constant of the same file (KeyTimeout = "model_timeout").
var (
	localizedKey   = regexp.MustCompile(`\.\s*Localized\(\s*"([a-z0-9_]+)"`)
	localizedConst = regexp.MustCompile(`\.\s*Localized\(\s*([A-Z][A-Za-z0-9]*)\b`)
	stringConst    = regexp.MustCompile(`(?m)^\s*([A-Z][A-Za-z0-9]*)\s*=\s*"([a-z0-9_]+)"`)
)

// catalogueErrors returns the keys of the "errors" section of every catalogue file of language
// (en.json plus the feature files *.en.json, which the frontend merges).
func catalogueErrors(t *testing.T, language string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "frontend", "src", "locales", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, f := range files {
		base := filepath.Base(f)
		if base != language+".json" && !strings.HasSuffix(base, "."+language+".json") {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var catalogue struct {
			Errors map[string]json.RawMessage `json:"errors"`
		}
		if err := json.Unmarshal(raw, &catalogue); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k := range catalogue.Errors {
			keys[k] = true
		}
	}
	return keys
}

// TestEveryBackendErrorIsTranslated reads the Go sources for the keys errors are sent with and
// checks that the frontend can say each of them in English and French.
func TestEveryBackendErrorIsTranslated(t *testing.T) {
	used := map[string]string{}
	err := filepath.WalkDir(filepath.Join("..", "backend"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range localizedKey.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = path
		}
		consts := map[string]string{}
		for _, m := range stringConst.FindAllStringSubmatch(string(src), -1) {
			consts[m[1]] = m[2]
		}
		for _, m := range localizedConst.FindAllStringSubmatch(string(src), -1) {
			if key, ok := consts[m[1]]; ok {
				used[key] = path
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys: the pattern no longer matches the code", len(used))
	}
	for _, language := range []string{"en", "fr"} {
		have := catalogueErrors(t, language)
		var missing []string
		for key, path := range used {
			if !have[key] {
				missing = append(missing, key+" ("+path+")")
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s catalogue lacks %d error keys:\n%s", language, len(missing), strings.Join(missing, "\n"))
		}
	}
}
