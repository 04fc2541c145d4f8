// Package reply holds the store-independent pieces of replies: template parsing and rendering, the
// built-in offline drafter, the approval policy and bot disclosure. It does no I/O.
//
// Template syntax:
//
//	{first_name}            a token, replaced by its value
//	{first_name|there}      a token with a fallback, used when the value is missing
//	{custom.shoe_size}      a custom contact field (see backend.CustomTokenPrefix)
//	{{ and }}               literal braces
//
// Token names are the standard ones of backend.StandardTokens, or "custom." followed by a field
// name; both use [a-z_][a-z0-9_]*. Spaces around a name are ignored; the fallback is kept as typed
// and may be empty, to drop the token. A fallback may not contain braces.
package reply

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"tend/backend"
)

// Compiled is a parsed template body, ready to render any number of times.
type Compiled struct {
	parts  []part
	tokens []string
}

// part is a literal run of text, or a token when name is set.
type part struct {
	literal     string
	name        string
	fallback    string
	hasFallback bool
}

// Tokens returns the distinct token names of the body in order of first use.
func (c Compiled) Tokens() []string { return slices.Clone(c.tokens) }

// guideAliases maps the French token names of the engagement guide to Tend's, so that a template
// pasted from the guide gets a hint instead of a bare "unknown token".
var guideAliases = map[string]string{
	"prénom":      backend.TokenFirstName,
	"prenom":      backend.TokenFirstName,
	"nom_auteur":  backend.TokenAuthorName,
	"id_commande": backend.TokenOrderID,
	"nom_produit": backend.TokenProductName,
	"marque":      backend.TokenBrand,
	"problème":    backend.TokenIssue,
	"probleme":    backend.TokenIssue,
}

// Parse compiles a template body. It returns EINVALID with the 1-based character position of the
// first mistake (Params "position") for an unbalanced brace, an empty, malformed or unknown token
// name or a brace inside a fallback, and EINVALID for a blank body, invalid UTF-8 or a body longer
// than backend.MaxTemplateBodyRunes characters.
func Parse(body string) (Compiled, error) {
	if !utf8.ValidString(body) {
		return Compiled{}, backend.Errorf(backend.EINVALID, "The template is not valid UTF-8 text.").Localized("template_body_invalid")
	}
	if n := utf8.RuneCountInString(body); n > backend.MaxTemplateBodyRunes {
		return Compiled{}, backend.Errorf(backend.EINVALID, "The template is %d characters long; the limit is %d.", n, backend.MaxTemplateBodyRunes).
			Localized("template_body_too_long", "length", strconv.Itoa(n), "limit", strconv.Itoa(backend.MaxTemplateBodyRunes))
	}
	if strings.TrimSpace(body) == "" {
		return Compiled{}, backend.Errorf(backend.EINVALID, "A template needs a body.").Localized("template_body_required")
	}
	var c Compiled
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			c.parts = append(c.parts, part{literal: lit.String()})
			lit.Reset()
		}
	}
	pos := 0 // 1-based character position of body[i]
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRuneInString(body[i:])
		pos++
		switch {
		case r == '{' && strings.HasPrefix(body[i+1:], "{"), r == '}' && strings.HasPrefix(body[i+1:], "}"):
			lit.WriteRune(r)
			i += 2
			pos++
			continue
		case r == '}':
			return Compiled{}, parseError(pos, "template_brace_unmatched", "Unmatched \"}\" at character %d: write \"}}\" for a literal brace.")
		case r == '{':
			end := strings.IndexAny(body[i+1:], "{}\n")
			if end < 0 || body[i+1+end] != '}' {
				return Compiled{}, parseError(pos, "template_brace_unclosed", "The \"{\" at character %d is not closed on its line: write \"{{\" for a literal brace.")
			}
			inner := body[i+1 : i+1+end]
			p, err := parseToken(inner, pos)
			if err != nil {
				return Compiled{}, err
			}
			flush()
			c.parts = append(c.parts, p)
			if !slices.Contains(c.tokens, p.name) {
				c.tokens = append(c.tokens, p.name)
			}
			pos += utf8.RuneCountInString(inner) + 1
			i += end + 2
			continue
		}
		lit.WriteRune(r)
		i += size
	}
	flush()
	return c, nil
}

// parseToken reads the inside of {…}, found at character pos.
func parseToken(inner string, pos int) (part, error) {
	name, fallback, hasFallback := strings.Cut(inner, "|")
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return part{}, parseError(pos, "template_token_empty", "The token at character %d has no name.")
	case backend.ValidTokenName(name):
		return part{name: name, fallback: fallback, hasFallback: hasFallback}, nil
	}
	if standard, ok := guideAliases[name]; ok {
		return part{}, backend.Errorf(backend.EINVALID, "Unknown token {%s} at character %d: did you mean {%s}?", name, pos, standard).
			Localized("template_token_alias", "token", name, "position", strconv.Itoa(pos), "suggestion", standard)
	}
	return part{}, backend.Errorf(backend.EINVALID, "Unknown token {%s} at character %d: use %s, or custom.<field> for a contact field.",
		name, pos, strings.Join(backend.StandardTokens, ", ")).
		Localized("template_token_unknown", "token", name, "position", strconv.Itoa(pos))
}

// parseError returns EINVALID with a message whose only verb is the position.
func parseError(pos int, key, format string) error {
	return backend.Errorf(backend.EINVALID, format, pos).Localized(key, "position", strconv.Itoa(pos))
}

// Render fills c with the values of rc. It never fails: a token with no value takes its fallback,
// and one with neither stays in the text as "{name}" and is listed in Missing, so that a preview
// shows the gap and the caller refuses to send.
func Render(c Compiled, rc backend.RenderContext) backend.Rendered {
	var b strings.Builder
	out := backend.Rendered{Missing: []string{}}
	for _, p := range c.parts {
		switch v := rc.Value(p.name); {
		case p.name == "":
			b.WriteString(p.literal)
		case v != "":
			b.WriteString(v)
		case p.hasFallback:
			b.WriteString(p.fallback)
		default:
			b.WriteString("{" + p.name + "}")
			if !slices.Contains(out.Missing, p.name) {
				out.Missing = append(out.Missing, p.name)
			}
		}
	}
	out.Text = b.String()
	return out
}

// libraryFile is the format of assets/templates/templates.json.
type libraryFile struct {
	Version   int                `json:"version"`
	Templates []backend.Template `json:"templates"`
}

// libraryVersion is the library format this package reads.
const libraryVersion = 1

// ParseLibrary reads a template library (the format of assets/templates/templates.json) and checks
// every template: its fields, its body's tokens, and that ids are unique. EINVALID names the first
// bad template.
func ParseLibrary(data []byte) ([]backend.Template, error) {
	var file libraryFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, backend.Wrap(backend.EINVALID, err, "The template library is not valid JSON.").Localized("template_library_json")
	}
	if file.Version != libraryVersion {
		return nil, backend.Errorf(backend.EINVALID, "Unsupported template library version %d.", file.Version).
			Localized("template_library_version", "version", strconv.Itoa(file.Version))
	}
	seen := make(map[string]bool, len(file.Templates))
	for _, t := range file.Templates {
		err := t.Validate()
		if err == nil {
			_, err = Parse(t.Body)
		}
		if err == nil && seen[t.ID] {
			err = backend.Errorf(backend.EINVALID, "The id is used twice.")
		}
		if err != nil {
			msg := backend.ErrorMessage(err)
			return nil, backend.Wrap(backend.EINVALID, err, "Template %q: %s", t.ID, msg).
				Localized("template_library_invalid", "id", t.ID, "error", msg)
		}
		seen[t.ID] = true
	}
	return file.Templates, nil
}
