// Dates as dumps write them, shown in ISO 8601. The reading itself is the index's one date model,
// schema::parse_date; this only chooses what the stored article shows.
#include "extractor.h"

#include "newsdex/schema.h"

namespace newsdex {

std::string to_iso_date(std::string_view date) {
    // "Fri, 01 Mar 2019 01:30:00 +0300" → "2019-03-01T01:30:00+03:00": the local time the source
    // gave, with its offset, so that what is shown is what was published and the instant is kept.
    if (auto parsed = schema::parse_date(date)) return parsed->iso;
    return std::string(date);
}

}  // namespace newsdex
