#pragma once
// gtest parameter names for tests instantiated over a registry ("fmnist-mlp" -> "fmnist_mlp"): gtest
// allows only letters, digits and underscores in a test's name.
#include <cctype>
#include <string>

#include <gtest/gtest.h>

namespace signlab::test {

struct RegistryTestName {
  std::string operator()(const ::testing::TestParamInfo<std::string>& info) const {
    std::string n = info.param;
    for (char& c : n)
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return n;
  }
};

}  // namespace signlab::test
