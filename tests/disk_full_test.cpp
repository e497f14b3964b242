// Full and read-only disks, for real: a small tmpfs mounted inside a private mount namespace
// (unprivileged through a user namespace where the kernel allows it, else as root), newsdex run
// into it, and what the index holds looked at inside the same namespace, since the mount goes away
// with it. Skipped, with a warning, where no namespace may mount.
#include "kill_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

using namespace newsdex;

namespace {

// The unshare command that gives a shell its own mount namespace in which it may mount a tmpfs,
// or "" when there is none here.
std::string mount_namespace(const test::TempDir& dir) {
    if (!test::have_program("unshare")) return {};
    const std::string probe = dir / "probe";
    std::filesystem::create_directories(probe);
    for (const std::string prefix : {"unshare --user --map-root-user --mount", "unshare --mount"}) {
        const auto r = test::run_shell(prefix + " sh -c " +
                                       test::shell_quote("mount -t tmpfs -o size=1m tmpfs " + test::shell_quote(probe) +
                                                         " && touch " + test::shell_quote(probe + "/x") + " && echo mounted"));
        if (r.exit_code == 0 && r.output.find("mounted") != std::string::npos) return prefix;
    }
    return {};
}

// Articles of 40 words drawn from a made-up vocabulary of 3,000: an 8 MB file system holds some
// 2,000 of them indexed.
void write_articles(const std::string& path, const std::string& id_prefix, int count, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<std::string> vocabulary;
    const char* syllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "ze", "pri", "stan", "gor", "bel", "dus", "fen"};
    for (int i = 0; i < 3000; ++i) {
        std::string w;
        for (int s = 0, n = 2 + static_cast<int>(rng() % 3); s < n; ++s) w += syllables[rng() % std::size(syllables)];
        vocabulary.push_back(w + std::to_string(i % 97));
    }
    std::ofstream out(path);
    for (int i = 0; i < count; ++i) {
        std::string body;
        for (int w = 0; w < 40; ++w) body += (w ? " " : "") + vocabulary[rng() % vocabulary.size()];
        out << nlohmann::json{{"id", id_prefix + std::to_string(i)},
                              {"title", "Report " + std::to_string(i) + " " + vocabulary[rng() % vocabulary.size()]},
                              {"lang", "en"},
                              {"body", body}}
                   .dump()
            << '\n';
    }
}

// How many lines of the JSON Lines file whose path ends in @p name the last checkpoint in the
// index's first shard says were indexed and committed (all of them for a finished file; 0 when
// there is none). Reads the checkpoint record as the indexer writes it (file_checkpoint.cpp):
// "v2 FINGERPRINT POSITION complete|partial ...\nPATH", POSITION "1:LINE" inside a plain file.
std::uint64_t checkpointed_lines(const std::string& first_shard, const std::string& name, std::uint64_t all) {
    const Xapian::Database db(first_shard);
    for (auto it = db.metadata_keys_begin("newsdex.file:"); it != db.metadata_keys_end("newsdex.file:"); ++it) {
        const std::string value = db.get_metadata(*it);
        const auto newline = value.find('\n');
        if (newline == std::string::npos || !value.ends_with(name)) continue;
        std::istringstream record(value.substr(0, newline));
        std::string version, fingerprint, position, state;
        record >> version >> fingerprint >> position >> state;
        if (state == "complete") return all;
        const auto colon = position.find(':');
        return colon == std::string::npos ? 0 : std::stoull(position.substr(colon + 1));
    }
    return 0;
}

// "KEY value" lines printed by the scripts below.
std::map<std::string, std::string> marked_lines(const std::string& output) {
    std::map<std::string, std::string> marks;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("@@", 0) != 0) continue;
        const auto space = line.find(' ');
        marks[line.substr(2, space - 2)] = space == std::string::npos ? "" : line.substr(space + 1);
    }
    return marks;
}

std::string file_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Runs @p script (sh) inside a new mount namespace with a @p size tmpfs mounted at $MNT; $BIN is
// newsdex, $OUT a directory outside the mount for what must outlive it.
test::ShellResult run_in_namespace(const std::string& unshare, const test::TempDir& dir, const std::string& size,
                                   const std::string& script) {
    const std::string mnt = dir / "mnt";
    std::filesystem::create_directories(mnt);
    const std::string path = dir / "script.sh";
    std::ofstream(path) << "set -u\n"
                        << "BIN=" << test::shell_quote(test::newsdex_binary()) << "\nMNT=" << test::shell_quote(mnt)
                        << "\nOUT=" << test::shell_quote(dir.str()) << "\n"
                        << "mount -t tmpfs -o size=" << size << " tmpfs \"$MNT\" || { echo '@@mount-failed'; exit 1; }\n"
                        << script;
    return test::run_shell(unshare + " sh " + test::shell_quote(path));
}

// What `newsdex stats --json` said a count of documents was, or -1.
long documents_in(const std::string& stats_json) {
    try {
        return nlohmann::json::parse(stats_json).at("documents").get<long>();
    } catch (const std::exception&) {
        return -1;
    }
}

}  // namespace

TEST_CASE("A full disk: exit 2, says so, keeps every committed article, the index opens and checks clean, "
          "and a run with room again completes it",
          "[disk][disk-full]") {
    test::TempDir dir("disk-full");
    const std::string unshare = mount_namespace(dir);
    if (unshare.empty()) {
        WARN("skipped: no mount namespace may be made here (unshare --user --mount and unshare --mount both refused), "
             "so no small file system can be mounted to fill");
        return;
    }
    REQUIRE(test::have_program("xapian-check"));
    constexpr int kSmall = 300, kBig = 12000;
    const std::string small = dir / "small.jsonl", big = dir / "big.jsonl";
    write_articles(small, "small-", kSmall, 1);
    write_articles(big, "big-", kBig, 2);

    // Into an 8 MB tmpfs: the small file fits, the big one (4 MB of text, some 50 MB as an index)
    // does not. Then the checks, a copy of the index out of the mount, and the same command again
    // once the file system has grown.
    // JSON Lines read in chunks of 32 KB (about 90 articles): checkpoints fall between chunks.
    const std::string opts = " --shards 2 --commit-every 250 --checkpoint-every 500 --max-member-size 65536 --progress never ";
    const auto r = run_in_namespace(unshare, dir, "8m",
        "\"$BIN\" index --db \"$MNT/db\"" + opts + test::shell_quote(small) + " >\"$OUT/small.out\" 2>\"$OUT/small.err\"\n"
        "echo \"@@small-exit $?\"\n"
        "\"$BIN\" index --db \"$MNT/db\"" + opts + test::shell_quote(big) + " >\"$OUT/big.out\" 2>\"$OUT/big.err\"\n"
        "echo \"@@big-exit $?\"\n"
        "echo \"@@used-kb $(df -k \"$MNT\" | awk 'NR==2 {print $3}')\"\n"
        "echo \"@@avail-kb $(df -k \"$MNT\" | awk 'NR==2 {print $4}')\"\n"
        "echo \"@@stats $(\"$BIN\" stats --db \"$MNT/db\" --json 2>&1)\"\n"
        "for s in \"$MNT\"/db/shard-*; do xapian-check \"$s\" >\"$OUT/check-$(basename \"$s\").txt\" 2>&1;"
        " echo \"@@check-$(basename \"$s\") $?\"; done\n"
        "cp -a \"$MNT/db\" \"$OUT/after-full\"\n"
        "mount -o remount,size=256m \"$MNT\"\n"
        "\"$BIN\" index --db \"$MNT/db\"" + opts + test::shell_quote(big) + " >\"$OUT/again.out\" 2>\"$OUT/again.err\"\n"
        "echo \"@@again-exit $?\"\n"
        "echo \"@@again-stats $(\"$BIN\" stats --db \"$MNT/db\" --json 2>&1)\"\n"
        "for s in \"$MNT\"/db/shard-*; do xapian-check \"$s\" >/dev/null 2>&1; echo \"@@again-check-$(basename \"$s\") $?\"; done\n"
        "cp -a \"$MNT/db\" \"$OUT/after-again\"\n"
        // A first run that fills the disk of a new index: what it committed is kept, not removed
        // as the leftovers of a failed first run.
        "mkdir \"$OUT/mnt2\" && mount -t tmpfs -o size=8m tmpfs \"$OUT/mnt2\" || echo '@@mount-failed'\n"
        "\"$BIN\" index --db \"$OUT/mnt2/db\"" + opts + test::shell_quote(big) + " >/dev/null 2>\"$OUT/first.err\"\n"
        "echo \"@@first-exit $?\"\n"
        "echo \"@@first-stats $(\"$BIN\" stats --db \"$OUT/mnt2/db\" --json 2>&1)\"\n"
        "for s in \"$OUT\"/mnt2/db/shard-*; do xapian-check \"$s\" >/dev/null 2>&1; echo \"@@first-check-$(basename \"$s\") $?\"; done\n"
        "cp -a \"$OUT/mnt2/db\" \"$OUT/first-full\"\n");
    std::cout << r.output;
    INFO(r.output);
    auto marks = marked_lines(r.output);
    REQUIRE(marks.count("mount-failed") == 0);
    REQUIRE(marks["small-exit"] == "0");

    const std::string err = file_text(dir / "big.err");
    INFO("stderr of the run that filled the disk: " << err);
    CHECK(marks["big-exit"] == "2");
    CHECK(err.find("no space left on the device") != std::string::npos);
    CHECK(err.find("what was committed before is kept") != std::string::npos);
    CHECK(err.find("newsdex: error: ") != std::string::npos);
    CHECK(std::stol(marks["avail-kb"].empty() ? "-1" : marks["avail-kb"]) < 1024);  // it really filled

    // The index opens (stats) and checks clean inside the namespace...
    const long after_full = documents_in(marks["stats"]);
    CHECK(marks["check-shard-00"] == "0");
    CHECK(marks["check-shard-01"] == "0");
    // ... and holds, once each, every article of the small file and every article of the big one
    // up to its last checkpoint; nothing twice.
    const auto held = test::id_term_counts(dir / "after-full");
    CHECK(static_cast<long>(held.size()) == after_full);
    const std::uint64_t checkpointed = checkpointed_lines(dir / "after-full/shard-00", "/big.jsonl", kBig);
    std::size_t lost = 0;
    const auto once = [&](const std::string& id) {
        const auto it = held.find(schema::id_term(id));
        if (it == held.end() || it->second != 1) {
            if (++lost <= 5) UNSCOPED_INFO(id << " is held by " << (it == held.end() ? 0 : it->second) << " documents");
        }
    };
    for (int i = 0; i < kSmall; ++i) once("small-" + std::to_string(i));
    for (std::uint64_t i = 0; i < checkpointed; ++i) once("big-" + std::to_string(i));
    CHECK(lost == 0);
    for (const auto& [term, count] : held) CHECK(count == 1);
    std::cout << "disk full: " << after_full << " documents kept (" << kSmall << " of the small file, " << after_full - kSmall
              << " of the big one, whose checkpoint covers " << checkpointed << " lines), " << marks["used-kb"]
              << " KB used of 8192" << std::endl;
    CHECK(checkpointed > 0);            // the disk filled part way through the big file ...
    CHECK(checkpointed < kBig);         // ... not after it
    CHECK(after_full >= kSmall + static_cast<long>(checkpointed));

    // With room again, the same command resumes and the index is complete, each article once.
    INFO(file_text(dir / "again.err"));
    CHECK(marks["again-exit"] == "0");
    CHECK(documents_in(marks["again-stats"]) == kSmall + kBig);
    CHECK(marks["again-check-shard-00"] == "0");
    CHECK(marks["again-check-shard-01"] == "0");
    const auto complete = test::id_term_counts(dir / "after-again");
    CHECK(complete.size() == static_cast<std::size_t>(kSmall + kBig));
    for (const auto& [term, count] : complete) CHECK(count == 1);

    // The first run of a new index, filling the disk.
    INFO("stderr of the first run that filled the disk: " << file_text(dir / "first.err"));
    CHECK(marks["first-exit"] == "2");
    CHECK(file_text(dir / "first.err").find("no space left on the device") != std::string::npos);
    const long first_full = documents_in(marks["first-stats"]);
    CHECK(marks["first-check-shard-00"] == "0");
    CHECK(marks["first-check-shard-01"] == "0");
    const std::uint64_t first_checkpointed = checkpointed_lines(dir / "first-full/shard-00", "/big.jsonl", kBig);
    CHECK(first_checkpointed > 0);
    CHECK(first_full >= static_cast<long>(first_checkpointed));
    const auto first_held = test::id_term_counts(dir / "first-full");
    lost = 0;
    for (std::uint64_t i = 0; i < first_checkpointed; ++i) {
        const auto it = first_held.find(schema::id_term("big-" + std::to_string(i)));
        if (it == first_held.end() || it->second != 1) ++lost;
    }
    CHECK(lost == 0);
    std::cout << "disk full in a first run: " << first_full << " documents kept, checkpoint at line " << first_checkpointed
              << std::endl;
}

TEST_CASE("A read-only file system: exit 2 and a message that says so, the index untouched", "[disk][read-only]") {
    test::TempDir dir("read-only");
    const std::string unshare = mount_namespace(dir);
    if (unshare.empty()) {
        WARN("skipped: no mount namespace may be made here (unshare --user --mount and unshare --mount both refused), "
             "so no read-only file system can be mounted");
        return;
    }
    constexpr int kArticles = 200;
    const std::string articles = dir / "articles.jsonl", more = dir / "more.jsonl";
    write_articles(articles, "ro-", kArticles, 3);
    write_articles(more, "more-", 50, 4);
    // An index made on the tmpfs, then the tmpfs bound read-only elsewhere ($MNT/ro: root ignores
    // file modes, not a read-only mount) and indexed into there: into the existing index, and into
    // a new one beside it.
    const auto r = run_in_namespace(unshare, dir, "8m",
        "mkdir \"$MNT/rw\" \"$MNT/ro\"\n"
        "\"$BIN\" index --db \"$MNT/rw/db\" --shards 2 --progress never " + test::shell_quote(articles) + " >/dev/null 2>\"$OUT/first.err\"\n"
        "echo \"@@first-exit $?\"\n"
        "mount --bind \"$MNT/rw\" \"$MNT/ro\" && mount -o remount,bind,ro \"$MNT/ro\" || echo '@@bind-failed'\n"
        "touch \"$MNT/ro/probe\" 2>/dev/null && echo '@@still-writable'\n"
        "\"$BIN\" index --db \"$MNT/ro/db\" --progress never " + test::shell_quote(more) + " >\"$OUT/existing.out\" 2>\"$OUT/existing.err\"\n"
        "echo \"@@existing-exit $?\"\n"
        "\"$BIN\" index --db \"$MNT/ro/new-db\" --progress never " + test::shell_quote(more) + " >\"$OUT/new.out\" 2>\"$OUT/new.err\"\n"
        "echo \"@@new-exit $?\"\n"
        "echo \"@@stats $(\"$BIN\" stats --db \"$MNT/ro/db\" --json 2>&1)\"\n"
        // xapian-check opens the tables for writing: checked through the writable view.
        "for s in \"$MNT\"/rw/db/shard-*; do xapian-check \"$s\" >/dev/null 2>&1; echo \"@@check-$(basename \"$s\") $?\"; done\n"
        "ls -A \"$MNT/rw\" | tr '\\n' ' ' | sed 's/^/@@entries /'; echo\n");
    std::cout << r.output;
    INFO(r.output);
    auto marks = marked_lines(r.output);
    REQUIRE(marks.count("mount-failed") == 0);
    REQUIRE(marks["first-exit"] == "0");
    if (marks.count("bind-failed")) {
        WARN("skipped: a read-only bind mount was refused in the namespace");
        return;
    }
    REQUIRE(marks.count("still-writable") == 0);

    const std::string existing = file_text(dir / "existing.err");
    INFO("into the existing index: " << existing);
    CHECK(marks["existing-exit"] == "2");
    CHECK(existing.find("newsdex: error: ") != std::string::npos);
    CHECK(lower(existing).find("read-only") != std::string::npos);
    const std::string fresh = file_text(dir / "new.err");
    INFO("into a new index: " << fresh);
    CHECK(marks["new-exit"] == "2");
    CHECK(fresh.find("newsdex: error: ") != std::string::npos);
    CHECK(lower(fresh).find("read-only") != std::string::npos);
    // The index is as it was: it opens, holds its articles, checks clean; no new directory.
    CHECK(documents_in(marks["stats"]) == kArticles);
    CHECK(marks["check-shard-00"] == "0");
    CHECK(marks["check-shard-01"] == "0");
    CHECK(marks["entries"].find("new-db") == std::string::npos);
}
