// Package creator holds the creator tracker's pure rules: how UTM values and discount codes are
// normalised and generated, how links are built, how the fit score is computed and how a use of a
// creator's content is checked against their usage rights. Nothing here reads a clock, a file or
// a database: callers pass today's date and the records, so the calendar can call RightsCheck as
// well as the store does.
//
// # UTM values
//
// NormalizeUTM turns what a person types into a value that needs no URL escaping and reads the
// same in every analytics tool:
//
//  1. surrounding spaces are trimmed;
//  2. letters are folded to ASCII: accents dropped (é → e, ç → c), ligatures and special letters
//     spelt out (æ → ae, œ → oe, ß → ss, ø → o, ł → l, þ → th, đ and ð → d), then lower-cased;
//  3. every run of other characters — spaces, punctuation, emoji, letters of other scripts — becomes
//     one hyphen; a–z, 0–9, "-", "_" and "." are kept;
//  4. hyphens are collapsed and trimmed from both ends;
//  5. the result is cut to 100 characters (and trimmed of hyphens again).
//
// "Soldes d'Été 2026" becomes "soldes-d-ete-2026". utm_source, utm_medium and utm_campaign may not
// be empty once normalised; utm_content may.
//
// # Discount codes
//
// A code is 4 to 20 characters A–Z and 0–9, unique in the workspace. GenerateCode makes one from
// the creator's handle and the campaign: the handle folded to ASCII, upper-cased and stripped of
// everything but letters and digits, followed by the campaign's suffix — its discount percentage
// when it has one ("lea" in a 10 % campaign gives LEA10), else the first six letters and digits of
// its name. The handle part is shortened so that the code fits 20 characters; a code that would be
// shorter than 4 is padded with the creator's name, then with "CODE". When the code is taken, the
// store tries the same code ending in 2, 3, … (shortened to fit).
//
// # Fit score
//
// ScoreFit adds four factors, 100 points in all:
//
//   - audience size, 25 points, favouring micro-creators as the guide does: unknown 0, under 1,000
//     ("starter") 5, 1,000–9,999 ("nano") 18, 10,000–99,999 ("micro") 25, 100,000–499,999
//     ("mid") 18, 500,000–999,999 ("macro") 12, a million or more ("mega") 8;
//   - engagement rate against the niche's benchmark, 35 points: round(35 × min(rate ÷ benchmark,
//     2) ÷ 2), so a creator at the benchmark gets 18 and one at twice the benchmark or more gets 35;
//     "below" under 0.8 × the benchmark, "above" over 1.2 ×, else "at"; unknown rate 0;
//   - territory, 20 points: 20 when the creator's territory is one of the workspace's target
//     territories (EU covers its 27 member states, WW everywhere), 0 when it is not or is unknown,
//     10 when the workspace has no target territory;
//   - brand safety, 20 points: clear 20, minor concerns 10, major concerns 0, not assessed 5.
//
// # Usage rights
//
// RightsCheck takes one rights record and a use (its date, territory and scope) and lists what is
// wrong: not signed, scope not granted, before the start date, after the end date (the end date
// is the last day allowed), no end date, territory not covered. CheckUse does the same over all of
// a creator's records: a use is allowed when one record allows it. CheckPost checks a calendar
// post: organic use on its local date, in each of the workspace's target territories (any
// territory when there is none).
package creator

import (
	"strings"
	"unicode/utf8"
)

// latinFold maps U+00C0..U+017F to lower-case ASCII: NFD decomposition with combining marks
// dropped, plus the ligatures and stroked letters NFD leaves alone (æ, œ, ß, ø, ł). The two
// arithmetic signs of the block (× and ÷) fold to nothing.
var latinFold = [0x180 - 0xC0]string{
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
}

// Fold returns s lower-cased and folded to ASCII where a Latin letter has an ASCII spelling;
// combining marks are dropped and every other non-ASCII character becomes a space, so that it
// still separates words. Invalid UTF-8 bytes count as such characters.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r >= 0xC0 && r < 0x180:
			b.WriteString(latinFold[r-0xC0])
		case r >= 0x300 && r <= 0x36F: // combining diacritical marks
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// isAlnum reports whether c is an ASCII lower-case letter or digit.
func isAlnum(c byte) bool { return ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') }
