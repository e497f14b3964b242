// Searching a newsdex index: ranked, filtered queries with highlighted snippets.
#pragma once

#include "newsdex/article.h"
#include "newsdex/error.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

namespace experimental {
struct Ranking;  // newsdex/experimental.h, for newsdex's own evaluation only
}

/// A query the parser cannot read; column() is the 1-based character where the problem is.
class QueryError : public Error {
public:
    QueryError(const std::string& message, std::size_t column)
        : Error(message + " at column " + std::to_string(column)), column_(column) {}
    std::size_t column() const { return column_; }

private:
    std::size_t column_;
};

/// The index is missing, unreadable or of another schema.
class SearchError : public Error {
public:
    using Error::Error;
};

/// A search option's value that cannot be right: a date that is not one, a reversed date range,
/// a language newsdex does not tell apart, a source the index does not hold. what() reads
/// "since: 2018-13 is not a date (month 13)"; problem() is the part after the option's name, so a
/// caller can name the option its own way (the command line says "--since").
class OptionError : public SearchError {
public:
    enum class Option { since, until, date_range, languages, sources };
    OptionError(Option option, std::string value, const std::string& problem)
        : SearchError(std::string(name(option)) + ": " + problem), option_(option), value_(std::move(value)),
          problem_(problem) {}
    Option option() const { return option_; }
    /// The value as given (for date_range: the since value; the until value is in problem()).
    const std::string& value() const { return value_; }
    const std::string& problem() const { return problem_; }
    static const char* name(Option option) {
        switch (option) {
        case Option::since: return "since";
        case Option::until: return "until";
        case Option::date_range: return "since/until";
        case Option::languages: return "languages";
        case Option::sources: return "sources";
        }
        return "option";
    }

private:
    Option option_;
    std::string value_;
    std::string problem_;
};

/// Nothing at the path can be an index: it is missing, a file, an empty directory, or a directory
/// of something else. what() names the path and the reason; suggesting how to make an index is
/// left to the caller, who knows how its users name things.
class NoIndexError : public SearchError {
public:
    enum class Reason { missing, not_a_directory, empty, not_an_index, unreadable };
    NoIndexError(const std::string& message, Reason reason) : SearchError(message), reason_(reason) {}
    Reason reason() const { return reason_; }
    /// A missing path or an empty directory: a place to create an index in, not a wrong one.
    bool nothing_there() const { return reason_ == Reason::missing || reason_ == Reason::empty; }

private:
    Reason reason_;
};

enum class SortOrder {
    relevance,    ///< BM25 score, best first
    date_newest,  ///< publication date, newest first (undated articles last)
    date_oldest,  ///< publication date, oldest first (undated articles last)
};

/// How the plain words of a query must match: the words typed without quotes, a field, '+' or an
/// explicit AND (those always must match, as do phrases, fields and date ranges).
enum class WordMatch {
    all,      ///< every word (strict AND)
    any,      ///< at least one word (OR); BM25 puts documents with more of them first
    minimum,  ///< at least SearchOptions::minimum_should_match of the words
};

/// What to search for and how to list it. The defaults are the settings that ranked best on the
/// judged sets of docs/quality.md.
struct SearchOptions {
    std::size_t offset = 0;
    std::size_t limit = 10;
    bool snippets = true;  ///< snippets with highlights, and highlights in titles
    std::size_t snippet_chars = 200;  ///< approximate snippet length in characters
    SortOrder sort = SortOrder::relevance;
    std::string since;                  ///< ISO date: only articles published on or after it
    std::string until;                  ///< ISO date: only articles published on or before it (whole day/month/year)
    /// Only these languages (any of them): uk, ru, en or other, in any case, or a locale such as
    /// uk_UA or eng; anything else throws OptionError.
    std::vector<std::string> languages;
    /// Only these sources (any of them). A value matches a stored source name, case-insensitively,
    /// when the name starts with it or holds it as whole words ("dw.com" and "deutsche welle" both
    /// match "DW.com (Deutsche Welle)"); a value that matches no source throws OptionError.
    std::vector<std::string> sources;
    /// Exact copies (same normalized body) and near duplicates (the same story republished with
    /// edits: Hit::cluster) shown once, the best-placed of them, with their numbers.
    bool collapse_duplicates = true;
    /// The match count is exact when at most this many articles match (Xapian looks at every one
    /// of them); beyond it, an estimate with bounds (SearchResults::count). 0: estimate only.
    /// Weighing every match costs time: on 28,249 articles, 2,000 added 1.3 ms to the mean of
    /// one-word queries and 10,000 added 2.6 ms (p99 +19 ms); two words and more cost nothing
    /// measurable (docs/query-language.md, "Match counts"). Long queries matched loosely are
    /// always estimated.
    std::size_t count_exactly_up_to = 2000;
    /// Every character of the query is text (like `grep -F`): its space-separated words are plain
    /// words, matched as short_query_match/long_query_match say, with no operators, fields,
    /// phrases, groups, prefixes or exclusions (docs/query-language.md, "Pasted text").
    bool literal = false;

    /// Matching for queries of fewer than long_query_words plain words.
    WordMatch short_query_match = WordMatch::all;
    /// Matching for queries of long_query_words plain words or more (a pasted headline).
    WordMatch long_query_match = WordMatch::any;
    std::size_t long_query_words = 5;
    /// Fraction of the plain words a document needs under WordMatch::minimum (rounded up).
    double minimum_should_match = 0.5;
    /// When fewer articles hold every plain word of a query than the page shows, go on with
    /// articles that hold some of them, after those (SearchResults::filled); when none holds them
    /// all, match any of them (SearchResults::fell_back).
    bool or_fallback = true;


    /// A Cyrillic word also finds its spelling in the other of Ukrainian and Russian where the two
    /// share a root (мост ↔ міст, Киев ↔ Київ, выборы ↔ вибори): the letter correspondences of
    /// the two spellings, kept where the index holds the result in the other language. Off by
    /// default: false friends (неделя/неділя) and derived spellings that are other words cost
    /// precision within one language (docs/quality.md).
    bool other_cyrillic = false;

    /// Research setting, not part of the stable API: null (always, outside newsdex's own
    /// evaluation) ranks as docs/quality.md found best.
    std::shared_ptr<const experimental::Ranking> ranking;
};

struct Hit {
    std::size_t rank = 0;  ///< 1-based, counting from the first hit of the whole result
    std::string id;
    double score = 0;
    std::string title, url, published, lang, source, author, origin;
    /// [start, end) pairs in Unicode code points into title: the query's words in any form, as in
    /// highlights (SearchOptions::snippets off leaves both empty).
    std::vector<std::pair<std::size_t, std::size_t>> title_highlights;
    std::size_t copies = 1;  ///< how many articles with this exact text the index holds
    /// The story cluster: this article, its exact copies and its near duplicates (the same text
    /// republished with edits, a new headline). cluster is a stable id (16 hex digits) shared by
    /// every member; cluster_size counts the members the index holds (at least copies).
    std::string cluster;
    std::size_t cluster_size = 1;
    /// The article holds every plain word of the query. false only when the words were matched
    /// loosely (a long query, the OR fallback): then it holds some of them.
    bool all_words = true;
    std::string snippet;  ///< plain text
    /// [start, end) pairs in Unicode code points into snippet, one per highlighted word or phrase.
    std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

/// How many articles match a query, counted as hits are listed: a group of exact copies counts
/// once unless SearchOptions::collapse_duplicates is off. Never depends on offset or limit.
struct MatchCount {
    std::size_t matches = 0;  ///< the count when exact, else Xapian's estimate
    bool exact = true;        ///< every match was seen (at most SearchOptions::count_exactly_up_to)
    std::size_t lower = 0;    ///< at least this many match (== matches when exact)
    std::size_t upper = 0;    ///< at most this many match (== matches when exact)
};

struct SearchResults {
    MatchCount count;
    /// count.matches, kept for callers written before MatchCount.
    std::size_t estimated_matches = 0;
    std::vector<Hit> hits;
    /// No article holds every plain word, so the OR fallback ran: every hit holds only some of
    /// them, and count counts articles with any of them. Say so to people.
    bool fell_back = false;
    /// Fewer articles hold every plain word than the page shows, so the page goes on with
    /// articles that hold some of them (SearchOptions::or_fallback; relevance order only): every
    /// article with all the words comes first, then the others, marked by Hit::all_words false.
    /// count still counts the articles with every word. Say so to people.
    bool filled = false;
    /// How the query's plain words were matched in the run that found these hits: as the options
    /// asked, or WordMatch::any after the OR fallback or the relaxation word_match_note explains.
    WordMatch word_match = WordMatch::all;
    /// Why word_match is looser than the options asked for, in words for people; empty when the
    /// options were followed. Set when a WordMatch::minimum over many words cannot be sent to a
    /// remote shard (docs/query-language.md).
    std::string word_match_note;
};

struct IndexStats {
    std::size_t documents = 0;
    std::map<std::string, std::size_t> languages;
    /// Articles per source, under the name as stored (the first article's spelling where the
    /// names differ only in case or spacing); articles without a source are not counted.
    std::map<std::string, std::size_t> sources;
    /// The first and last day (YYYY-MM-DD, UTC) an article was published; empty when none is dated.
    /// An article dated by year or month alone counts from its first day.
    std::string first_published, last_published;
    std::size_t undated = 0;  ///< articles without a publication date
    std::uintmax_t size_bytes = 0;
};

/// What facets() counts by.
enum class FacetBy { year, month, day, source, lang };

struct FacetBucket {
    /// "2019", "2019-06", "2019-06-30", a source name as written, a language code; empty for the
    /// articles without one (undated, no source).
    std::string value;
    std::size_t count = 0;
};

struct FacetCounts {
    /// Dates in order, oldest first; sources and languages most articles first. The articles
    /// without a value come last, so the counts add up to total.
    std::vector<FacetBucket> buckets;
    /// Every article the query matches, exact copies and near duplicates included (what search()
    /// counts with collapse_duplicates off); always exact.
    std::size_t total = 0;
    bool fell_back = false;  ///< as SearchResults::fell_back
};

/// A feature the index was written without (an index older than it): re-indexing adds it.
class NeedsReindexError : public SearchError {
public:
    using SearchError::SearchError;
};

/// Reads an index (docs/library.md).
///
/// Threads: a Searcher is not thread-safe, its const members included: use one per thread, or
/// guard a shared one with a mutex. Any number of Searchers, in any threads and processes, may read
/// one index at the same time, also while an Indexer writes it. SearchOptions are values: one
/// object may be read by several threads at once.
///
/// Commits: a Searcher reads the index as it was committed when it was opened or last reopen()ed,
/// a snapshot, so that its searches agree with each other (offsets page through the same list).
/// An Indexer's later commits show after reopen(). When so many commits followed that Xapian has
/// overwritten the snapshot, search(), facets(), similar(), stats() and find() move to the latest
/// commit by themselves and run again, rather than fail.
///
/// Lifetime: everything it returns (SearchResults, FacetCounts, IndexStats, Article) is a plain
/// value that stays valid after the Searcher is gone. The index's files stay open until it is
/// destroyed.
class Searcher {
public:
    /// Throws SearchError (NoIndexError when nothing at @p db_path can be an index) when
    /// @p db_path holds no readable newsdex index.
    explicit Searcher(const std::string& db_path);
    ~Searcher();
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    /// Moves to the latest commit of the index, so that later calls see what was committed since
    /// this Searcher was opened. Throws SearchError when the index can no longer be read.
    void reopen();

    /// Throws QueryError for a query the parser cannot read.
    SearchResults search(const std::string& query, const SearchOptions& options = {});

    IndexStats stats() const;

    /// The stored article with this id (as in Hit::id), if the index holds it.
    std::optional<Article> find(const std::string& id) const;

    /// How many of the articles matching @p query (as search() matches it, with the same filters
    /// and OR fallback) fall in each bucket, counted over every match through Xapian's
    /// ValueCountMatchSpy. Throws QueryError, OptionError, and NeedsReindexError for FacetBy::source
    /// on an index written before source values were stored.
    FacetCounts facets(const std::string& query, FacetBy by, const SearchOptions& options = {});

    /// The articles most like the one with @p id: its own story cluster first, then the articles
    /// best matching the 40 terms Xapian's relevance feedback finds most telling of it (an expand
    /// set). options.offset, limit, snippets and collapse_duplicates apply, and the filters
    /// (since, until, languages, sources); the query-matching knobs do not. Hits have
    /// all_words set; score is the feedback query's weight. Returns nullopt when the index has
    /// no such id.
    std::optional<SearchResults> similar(const std::string& id, const SearchOptions& options = {});

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
