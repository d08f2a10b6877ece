#pragma once
// User text echoed into a message (a SPEC, a path, a flag's value) goes through these, so a newline or
// an escape sequence (ESC[2J) in the input can neither break the one-line error over lines nor act on
// the terminal. Printable ASCII and valid UTF-8 above U+009F pass unchanged; everything else is
// written as an escape: \n \r \t \\ and \xNN for other bytes (control characters, C1 controls,
// malformed UTF-8), \u2028 / \u2029 for the Unicode line separators.
#include <string>
#include <string_view>

namespace signlab {

// The text with non-printable characters escaped, without quotes (for names and paths).
std::string escape_input(std::string_view text);

// 'text', escaped as above (a quote inside is written \').
std::string quote_input(std::string_view text);

}  // namespace signlab
