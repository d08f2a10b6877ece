#include "core/spec/quote.hpp"

#include <cstdint>
#include <cstdio>

namespace signlab {
namespace {

void append_hex(std::string& out, unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", c);
  out += buf;
}

// Length of the valid UTF-8 sequence starting at s[i] (2..4) with its code point, or 0 when malformed
// (overlong forms, surrogates and values above U+10FFFF count as malformed).
int utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = 0;
  std::uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; min = 0x10000; }
  else return 0;
  if (i + static_cast<std::size_t>(len) > s.size()) return 0;
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void append_escaped(std::string& out, std::string_view s, bool in_quotes) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\\': out += "\\\\"; break;
        case '\'':
          out += in_quotes ? "\\'" : "'";
          break;
        default:
          if (c < 0x20 || c == 0x7F) append_hex(out, c);
          else out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const int len = utf8_sequence(s, i, cp);
    if (len == 0 || cp <= 0x9F) {  // malformed, or a C1 control (CSI is U+009B)
      for (int k = 0; k < (len == 0 ? 1 : len); ++k) append_hex(out, static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]));
      i += static_cast<std::size_t>(len == 0 ? 1 : len);
    } else if (cp == 0x2028 || cp == 0x2029) {
      out += cp == 0x2028 ? "\\u2028" : "\\u2029";
      i += static_cast<std::size_t>(len);
    } else {
      out.append(s.substr(i, static_cast<std::size_t>(len)));
      i += static_cast<std::size_t>(len);
    }
  }
}

}  // namespace

std::string escape_input(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text, false);
  return out;
}

std::string quote_input(std::string_view text) {
  std::string out = "'";
  out.reserve(text.size() + 2);
  append_escaped(out, text, true);
  out += '\'';
  return out;
}

}  // namespace signlab
