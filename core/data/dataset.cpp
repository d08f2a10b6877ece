#include "core/data/dataset.hpp"

#include <stdexcept>

namespace signlab::data {

void validate(const Dataset& ds) {
  const std::string what = "data set" + (ds.source.empty() ? std::string() : " '" + ds.source + "'");
  if (ds.count < 1 || ds.features < 1 || ds.classes < 2)
    throw std::invalid_argument(what + ": needs at least 1 example, 1 feature and 2 classes (has " +
                                std::to_string(ds.count) + ", " + std::to_string(ds.features) + ", " +
                                std::to_string(ds.classes) + ")");
  if (ds.x.size() != static_cast<std::size_t>(ds.count) * static_cast<std::size_t>(ds.features))
    throw std::invalid_argument(what + ": " + std::to_string(ds.x.size()) + " inputs for " +
                                std::to_string(ds.count) + " examples of " + std::to_string(ds.features));
  if (ds.y.size() != static_cast<std::size_t>(ds.count))
    throw std::invalid_argument(what + ": " + std::to_string(ds.y.size()) + " labels for " +
                                std::to_string(ds.count) + " examples");
  for (std::size_t i = 0; i < ds.y.size(); ++i) {
    if (ds.y[i] >= ds.classes)
      throw std::invalid_argument(what + ": label " + std::to_string(ds.y[i]) + " of example " + std::to_string(i) +
                                  " is not below " + std::to_string(ds.classes));
  }
}

}  // namespace signlab::data
