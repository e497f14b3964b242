// The Xapian index layout, shared by the indexer that writes it and the searcher that reads it.
// docs/schema.md explains each choice; change both together, and bump kSchemaVersion.
#pragma once

#include "newsdex/article.h"
#include "newsdex/language.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex::schema {

/// Written to the database's user metadata; a reader refuses an index of another version.
inline constexpr std::string_view kSchemaVersion = "2";
inline constexpr std::string_view kSchemaVersionKey = "newsdex.schema";
/// Metadata key, set when the shard was created: kLemmaTermsDiffering means a word written as
/// its own lemma has no `Z`/`ZS` term for that lemma (its written form stands in, and a query
/// adds it to the lemma's synonym). Absent: every word has its lemma terms (indexes written before
/// 2026-12-02), which is kept for the life of the shard.
inline constexpr std::string_view kLemmaTermsKey = "newsdex.lemma_terms";
inline constexpr std::string_view kLemmaTermsDiffering = "differing";
/// Metadata key, set when the shard was created: kLemmaTableShort means its lemma table rows
/// have the short keys of LemmaKeys::compact. Absent: the long keys of indexes written before
/// 2026-12-03, kept for the life of the shard.
inline constexpr std::string_view kLemmaTableKey = "newsdex.lemma_table";
inline constexpr std::string_view kLemmaTableShort = "short";

// Term prefixes, following Omega's conventions where one exists.
inline constexpr std::string_view kIdPrefix = "Q";       ///< unique id, boolean
inline constexpr std::string_view kStemPrefix = "Z";     ///< stem of a word (title and body)
inline constexpr std::string_view kTitlePrefix = "S";    ///< normalized title word, with positions
inline constexpr std::string_view kTitleStemPrefix = "ZS";  ///< stem of a title word
inline constexpr std::string_view kLangPrefix = "L";     ///< language code, boolean
inline constexpr std::string_view kSourcePrefix = "XSOURCE";  ///< normalized source name, boolean
inline constexpr std::string_view kSourceWordPrefix = "XS";   ///< one word of the source name
inline constexpr std::string_view kHostPrefix = "H";     ///< host of the URL, lower case, boolean
inline constexpr std::string_view kAuthorPrefix = "A";   ///< normalized author word
inline constexpr std::string_view kUrlPrefix = "U";      ///< normalized URL word
inline constexpr std::string_view kDayPrefix = "D";      ///< YYYYMMDD, boolean
inline constexpr std::string_view kMonthPrefix = "M";    ///< YYYYMM, boolean
inline constexpr std::string_view kYearPrefix = "Y";     ///< YYYY, boolean
/// One LSH band of the article's near-duplicate sketch (near_duplicate.h), boolean.
inline constexpr std::string_view kNearDuplicatePrefix = "XN";

// Value slots.
inline constexpr unsigned kDateSlot = 0;      ///< "YYYYMMDDhhmmss" (UTC, see parse_date), sorts as a string
inline constexpr unsigned kLangSlot = 1;      ///< language code
inline constexpr unsigned kContentSlot = 2;   ///< hash of the normalized body: exact-duplicate key
// Slots 3 and 4 were added without a schema change: indexes written before them are searched as
// before, and the features that need them say so (docs/schema.md, "Values").
inline constexpr unsigned kSourceSlot = 3;    ///< source name as written, for facets
inline constexpr unsigned kSketchSlot = 4;    ///< near-duplicate MinHash sketch (near_duplicate::encode)

/// Gap left between the title's last position and the body's first, so no phrase spans both.
inline constexpr unsigned kTitleBodyGap = 100;
/// Xapian refuses terms longer than 245 bytes; longer words are not indexed (they are not words).
inline constexpr std::size_t kMaxWordBytes = 120;

// The lemma table stored with the index (user metadata), written by the indexer from the
// dictionaries and read by the searcher, which thus never loads a dictionary itself.
/// How a shard spells its lemma table (kLemmaTableKey). The table has a row per word form and one
/// per lemma, and Xapian stores keys and values whole: the long key prefixes ("newsdex.lemma.uk:",
/// "newsdex.forms:") were as many bytes as the words they keyed, and a lemma mostly repeats the
/// form it is a lemma of.
enum class LemmaKeys {
    verbose,  ///< keys "newsdex.lemma.<uk|ru>:<form>", "newsdex.forms:<lemma>"; values join_lines
    compact,  ///< keys "L<u|r>:<form>", "F:<lemma>"; values lemma_row (each line relative to the key's word)
};
/// The keys a shard uses, from its kLemmaTableKey value.
inline LemmaKeys lemma_keys_from(std::string_view marker) { return marker == kLemmaTableShort ? LemmaKeys::compact : LemmaKeys::verbose; }
/// Key of the lemmas (newline-separated, no prefix) a word form got in one language. Written for
/// Ukrainian and Russian words; English stems are computed by Snowball on both sides.
std::string lemma_key(Language lang, std::string_view form, LemmaKeys keys);
/// Key of the word forms (newline-separated) indexed under one lemma term, in any language.
std::string forms_key(std::string_view lemma, LemmaKeys keys);
/// The value of a lemma-table row: the lemmas of the form @p word, or the forms of the lemma @p
/// word. Compact: one line per item, a byte 0x20 + n saying how many bytes at the end of @p word
/// the item does not share, then the item's bytes after the ones it shares (говорили → говорити:
/// "$ти"); an item sharing too little is written whole after a 0x7F byte. Verbose: join_lines.
std::string lemma_row(std::string_view word, const std::vector<std::string>& items, LemmaKeys keys);
/// The items of a row lemma_row() wrote for @p word.
std::vector<std::string> lemma_row_items(std::string_view word, std::string_view value, LemmaKeys keys);
/// Key of the suffix rules of the dictionary that lemmatized @p lang (SuffixRules::serialize):
/// the searcher applies them backwards to a query form the index never saw.
std::string suffix_rules_key(Language lang);
/// A lemma such as "бути" or "say" has dozens of forms; beyond this many the list only grows the
/// metadata without helping NEAR or snippets noticeably.
inline constexpr std::size_t kMaxFormsPerLemma = 256;
/// Newline-separated list ⇄ vector; words never contain a newline.
std::string join_lines(const std::vector<std::string>& items);
std::vector<std::string> split_lines(std::string_view text);

/// FNV-1a 64 of @p s, continuing from @p h (so fields can be hashed one after another): stable
/// across runs, builds and machines, which std::hash does not promise.
inline constexpr std::uint64_t kStableHashStart = 0xcbf29ce484222325ULL;
std::uint64_t stable_hash(std::string_view s, std::uint64_t h = kStableHashStart);

/// The boolean term that identifies an article; ids too long for a term are hashed.
std::string id_term(std::string_view id);

/// A publication date as newsdex reads it (docs/schema.md, "Dates"): ISO 8601 with or without a
/// time and a zone (`Z`, `+03:00`, `+0300`, `UTC`, an IANA id), and RFC 822 / 1123 / 2822 as feeds
/// and HTTP write them (`Fri, 01 Mar 2019 01:30:00 +0300`, `GMT`, `EST`).
struct ParsedDate {
    /// "YYYYMMDDhhmmss": the instant in UTC when a zone was given; the time as written when none
    /// was; a date, month or year alone is its first moment, never shifted.
    std::string utc_key;
    /// ISO 8601 as published: local time with its offset ("2019-03-01T01:30:00+03:00", "...Z"),
    /// or exactly the parts given ("2019-03-01", "2019-03-01T01:30:00").
    std::string iso;
    /// Digits of the key the text gave: 4 year, 6 month, 8 day, 12 minute, 14 second.
    int precision = 0;
    bool whole_day = false;  ///< no time of day: a whole day (month, year)
    bool zoned = false;      ///< a zone or offset was given and applied
};
/// The date @p text names; nullopt when it is not one of the forms above.
std::optional<ParsedDate> parse_date(std::string_view text);

/// The date slot's key of @p text (ParsedDate::utc_key): "2019-03-01T01:30:00+03:00" →
/// "20190228223000", "2019-06" → "20190601000000"; "" when @p text is not a date.
std::string date_key(std::string_view text);

/// The last instant of the year, month, day, minute or second that @p text names, as a date_key
/// ("2019-06" → "20190631235959": day 31 bounds every month when compared as a string); "" when
/// @p text is not a date.
std::string date_key_end(std::string_view text);

/// The host of a URL (parsed by uriparser), without port, user info, a final dot or "www.": IDN
/// hosts in Unicode whichever spelling the URL used ("xn--80aqafcrtq.xn--j1amh" → "кирилиця.укр",
/// through ICU's UTS #46, which also lower-cases), IPv6 addresses in brackets in their RFC 5952
/// form ("[2001:db8::1]"); "" when there is none.
std::string url_host(std::string_view url);

/// Lower-cased, whitespace-collapsed source name for the source filter term.
std::string source_key(std::string_view source);

/// Stored document data: every field the searcher shows or makes snippets from.
std::string encode_article(const Article& article);
Article decode_article(std::string_view data);

}  // namespace newsdex::schema
