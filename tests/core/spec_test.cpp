// SPEC parsing and validation: the messages the CLI prints name the bad part and what is allowed.
#include <gtest/gtest.h>

#include <functional>

#include "core/spec/quote.hpp"
#include "core/spec/spec_parse.hpp"

namespace signlab {
namespace {

const std::vector<ParamSpec> kParams = {
    {"lr", 1e-3, 1e-8, 10, Scale::Log, "step size"},
    {"beta", 0.9, 0, 0.9999, Scale::Linear, "momentum"},
    {"nesterov", 0, 0, 1, Scale::Toggle, "flag"},
    {"k", 5, 1, 100, Scale::Integer, "count"},
};

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const SpecError& e) {
    return e.what();
  }
  return "";
}

TEST(Spec, ParsesNameAndEntriesInOrder) {
  const Spec s = parse_spec(" lion:lr=1e-3, beta1=0.9 ");
  EXPECT_EQ(s.name, "lion");
  ASSERT_EQ(s.entries.size(), 2u);
  EXPECT_EQ(s.entries[0], (std::pair<std::string, std::string>{"lr", "1e-3"}));
  EXPECT_EQ(s.entries[1], (std::pair<std::string, std::string>{"beta1", "0.9"}));
  EXPECT_TRUE(parse_spec("sgd").entries.empty());
}

TEST(Spec, RejectsMalformedText) {
  EXPECT_NE(message_of([] { parse_spec(""); }).find("empty name"), std::string::npos);
  EXPECT_NE(message_of([] { parse_spec("x:lr"); }).find("'lr' is not key=value"), std::string::npos);
  EXPECT_NE(message_of([] { parse_spec("x:lr=1,lr=2"); }).find("twice"), std::string::npos);
  EXPECT_NE(message_of([] { parse_spec("x:lr=1,"); }).find("empty entry"), std::string::npos);
}

TEST(Spec, ResolvesDefaultsAndOverrides) {
  const ParamValues v = resolve_params(parse_spec("x:beta=0.5,k=7"), kParams, "x");
  EXPECT_EQ(v.at("lr"), 1e-3);
  EXPECT_EQ(v.at("beta"), 0.5);
  EXPECT_EQ(v.at("k"), 7);
}

TEST(Spec, ErrorsNameTheBadPartAndTheAllowedValues) {
  auto resolve = [](const char* text) { return message_of([&] { resolve_params(parse_spec(text), kParams, "opt"); }); };
  EXPECT_EQ(resolve("x:bta=1"), "opt: unknown key 'bta' (allowed: lr, beta, nesterov, k)");
  EXPECT_EQ(resolve("x:lr=abc"), "opt: lr='abc' is not a number");
  EXPECT_EQ(resolve("x:lr=nan"), "opt: lr='nan' is not a number");
  EXPECT_EQ(resolve("x:beta=1.5"), "opt: beta=1.5 out of range (allowed: 0..0.9999)");
  EXPECT_EQ(resolve("x:lr=50"), "opt: lr=50 out of range (allowed: 1e-08..10)");
  EXPECT_EQ(resolve("x:nesterov=2"), "opt: nesterov=2 not allowed (allowed: 0 or 1)");
  EXPECT_EQ(resolve("x:k=2.5"), "opt: k=2.5 is not a whole number (allowed: 1..100, whole numbers)");
}

TEST(Spec, EchoedInputIsQuotedWithNonPrintableCharactersEscaped) {
  EXPECT_EQ(quote_input("lr"), "'lr'");
  EXPECT_EQ(quote_input("a\nb\x1b[2J"), "'a\\nb\\x1b[2J'");
  EXPECT_EQ(quote_input("tab\there\r\x7f\\"), "'tab\\there\\r\\x7f\\\\'");
  EXPECT_EQ(quote_input("it's"), "'it\\'s'");
  EXPECT_EQ(escape_input("it's"), "it's");
  // Valid UTF-8 text passes; C1 controls (U+009B is a CSI), malformed bytes and line separators do not.
  EXPECT_EQ(escape_input("λ̄ = 1"), "λ̄ = 1");
  EXPECT_EQ(escape_input("\xc2\x9b" "2J"), "\\xc2\\x9b2J");
  EXPECT_EQ(escape_input("\xff\xc3"), "\\xff\\xc3");
  EXPECT_EQ(escape_input("a\xe2\x80\xa8" "b"), "a\\u2028b");
  EXPECT_EQ(escape_input(std::string_view("\0x", 2)), "\\x00x");
}

TEST(Spec, ErrorsNeverEchoControlCharacters) {
  // Every message built from a SPEC: malformed entries, repeated and unknown keys, bad numbers.
  for (const char* text : {"lion:lr\n\x1b[2J=1", "li\nn\x1b[2J:lr", "x:a\x1b[2J=1,a\x1b[2J=2", "x:\x1b[2J\n=1",
                           "x:lr=1\n\x1b[2J", "\n\x1b[2J:", "x:lr=1,\x1b[2J"}) {
    const std::string m = message_of([&] { resolve_params(parse_spec(text), kParams, "opt"); });
    ASSERT_FALSE(m.empty()) << text;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    EXPECT_EQ(m.find('\x1b'), std::string::npos) << m;
    EXPECT_NE(m.find("\\x1b[2J"), std::string::npos) << m;
  }
}

TEST(Spec, NumbersRoundTripInTheirShortestReadableForm) {
  for (double v : {0.1, 1e-3, 50.0, 1.0 / 3.0, 123456.789, 1e-12, 3e20, -2.5})
    EXPECT_EQ(std::stod(format_number(v)), v);
  EXPECT_EQ(format_number(50), "50");
  EXPECT_EQ(format_number(0.001), "0.001");
  EXPECT_EQ(format_number(1e-8), "1e-08");
  EXPECT_EQ(format_spec("lion", kParams, resolve_params(parse_spec("lion:beta=0.5"), kParams, "lion")),
            "lion:beta=0.5");
}

}  // namespace
}  // namespace signlab
