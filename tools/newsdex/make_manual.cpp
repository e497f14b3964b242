// newsdex-manual NEWSDEX OUT_DIR: writes the man page (newsdex.1) and the bash completion
// (newsdex.bash) from what `NEWSDEX --help` and `NEWSDEX COMMAND --help` print, so that the
// manual, the completion and --help never disagree. Run by the build (tools/CMakeLists.txt).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// One line of a help section: an option, a positional or a command, with what it says about it.
struct Entry {
    std::vector<std::string> names;    // "-F", "--literal"; "sources"; "index"
    std::string value;                 // "TEXT:{auto,always,never}=auto", "" for a flag
    std::vector<std::string> choices;  // auto, always, never
    std::string description;
};

struct Help {
    std::string summary, usage;
    std::vector<Entry> positionals, options, commands;
    std::vector<std::string> footer;
};

std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    if (::pclose(pipe) != 0) throw std::runtime_error(command + " failed");
    return out;
}

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::vector<std::string> split(const std::string& s, char by) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, by)) parts.push_back(part);
    return parts;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(' ');
    return b == std::string::npos ? "" : s.substr(b, s.find_last_not_of(' ') - b + 1);
}

// CLI11's layout: a summary line, "Usage: ...", then sections ("Options:") of entries indented
// two spaces, the description after a run of spaces or on the next line indented further, and
// after the last section, the footer.
Help parse(const std::string& text) {
    Help help;
    const std::vector<std::string> lines = split(text, '\n');
    std::vector<Entry>* section = nullptr;
    bool in_footer = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (i == 0) {
            help.summary = line;
        } else if (in_footer) {
            help.footer.push_back(line);
        } else if (line.rfind("Usage: ", 0) == 0) {
            help.usage = line.substr(7);
        } else if (line == "Positionals:") {
            section = &help.positionals;
        } else if (line == "Options:") {
            section = &help.options;
        } else if (line == "Subcommands:") {
            section = &help.commands;
        } else if (line.empty()) {
            const bool more = i + 1 < lines.size() && (lines[i + 1] == "Positionals:" || lines[i + 1] == "Options:" ||
                                                       lines[i + 1] == "Subcommands:");
            if (section && !more) in_footer = true;
            section = nullptr;
        } else if (section && line.rfind("   ", 0) == 0 && !section->empty()) {
            auto& d = section->back().description;
            d += (d.empty() ? "" : " ") + trim(line);
        } else if (section && line.rfind("  ", 0) == 0) {
            Entry e;
            const std::string body = line.substr(2);
            const auto gap = body.find("  ");
            const std::string first = body.substr(0, gap);
            if (gap != std::string::npos) e.description = trim(body.substr(gap));
            const auto space = first.find(' ');
            e.names = split(first.substr(0, space), ',');
            if (space != std::string::npos) e.value = first.substr(space + 1);
            if (const auto open = e.value.find(":{"); open != std::string::npos)
                e.choices = split(e.value.substr(open + 2, e.value.find('}', open) - open - 2), ',');
            section->push_back(e);
        }
    }
    while (!help.footer.empty() && help.footer.back().empty()) help.footer.pop_back();
    return help;
}

// Text for roff: backslashes escaped, and a line that starts with a control character made text.
std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '\\' ? std::string("\\e") : std::string(1, c);
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
    return out;
}

// Option names with ASCII hyphens, as man pages spell them, so that they can be searched and copied.
std::string roff_option(const std::string& name) {
    std::string out;
    for (char c : name) out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
}

void write_section_entries(std::ostream& out, const std::vector<Entry>& entries) {
    for (const Entry& e : entries) {
        out << ".TP\n";
        for (std::size_t i = 0; i < e.names.size(); ++i) out << (i ? ", " : "") << "\\fB" << roff_option(e.names[i]) << "\\fR";
        if (!e.value.empty()) out << " \\fI" << roff(e.value) << "\\fR";
        out << '\n' << roff(e.description) << '\n';
    }
}

void write_footer(std::ostream& out, const std::vector<std::string>& footer) {
    out << ".PP\n.nf\n";
    for (const auto& line : footer) out << roff(line) << '\n';
    out << ".fi\n";
}

void write_man(std::ostream& out, const std::string& version, const Help& main, const std::vector<std::pair<std::string, Help>>& commands) {
    std::string summary = main.summary;
    if (summary.rfind("newsdex: ", 0) == 0) summary = summary.substr(9);
    out << ".\\\" Generated by newsdex-manual from newsdex --help; edit the help text, not this file.\n"
        << ".TH NEWSDEX 1 \"\" \"" << roff(version) << "\" \"User Commands\"\n"
        << ".SH NAME\nnewsdex \\- " << roff(summary) << "\n"
        << ".SH SYNOPSIS\n";
    for (const auto& [name, help] : commands) {
        const std::size_t words = std::min(help.usage.size(), help.usage.find(' ', 8));  // "newsdex COMMAND"
        out << "\\fB" << roff(help.usage.substr(0, words)) << "\\fR" << roff(help.usage.substr(words)) << "\n.br\n";
    }
    out << ".SH DESCRIPTION\n" << roff(summary) << ".\n";
    write_section_entries(out, main.options);
    out << ".SH COMMANDS\n";
    for (const auto& [name, help] : commands) {
        out << ".SS \"newsdex " << roff(name) << "\"\n" << roff(help.summary) << "\n.PP\nUsage: " << roff(help.usage) << '\n';
        write_section_entries(out, help.positionals);
        write_section_entries(out, help.options);
        if (!help.footer.empty()) write_footer(out, help.footer);
    }
    out << ".SH EXAMPLES\n";
    write_footer(out, main.footer);
    out << ".SH ENVIRONMENT\n.TP\n.B NEWSDEX_DB\nthe index directory when \\fB\\-\\-db\\fR is not given (else ./newsdex-db)\n"
        << ".TP\n.B NO_COLOR\nwhen set, search prints no colours (as \\fB\\-\\-color never\\fR)\n";
}

// The completion of one word after an option or as a positional: what bash offers.
std::string completer(const std::string& name) {
    if (name == "--db" || name == "output") return "mapfile -t COMPREPLY < <(compgen -d -- \"$cur\"); compopt -o filenames 2>/dev/null";
    if (name == "sources") return "mapfile -t COMPREPLY < <(compgen -f -- \"$cur\"); compopt -o filenames 2>/dev/null";
    return "";
}

void write_completion(std::ostream& out, const Help& main, const std::vector<std::pair<std::string, Help>>& commands) {
    std::string names, top;
    for (const auto& [name, help] : commands) names += (names.empty() ? "" : "|") + name;
    for (const auto& [name, help] : commands) top += name + " ";
    for (const Entry& e : main.options)
        for (const auto& n : e.names) top += n + " ";
    out << "# bash completion for newsdex. Generated by newsdex-manual from newsdex --help: edit the help\n"
        << "# text, not this file. Installed to share/bash-completion/completions/newsdex.\n"
        << "_newsdex() {\n"
        << "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command= i\n"
        << "    COMPREPLY=()\n"
        << "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        << "        case ${COMP_WORDS[i]} in\n"
        << "            " << names << ") command=${COMP_WORDS[i]}; break ;;\n"
        << "        esac\n"
        << "    done\n"
        << "    if [[ -z $command ]]; then\n"
        << "        mapfile -t COMPREPLY < <(compgen -W " << quote(trim(top)) << " -- \"$cur\")\n"
        << "        return 0\n"
        << "    fi\n"
        << "    case $command in\n";
    for (const auto& [name, help] : commands) {
        std::string options;
        for (const Entry& e : help.options)
            for (const auto& n : e.names) options += (options.empty() ? "" : " ") + n;
        out << "        " << name << ")\n            case $prev in\n";
        for (const Entry& e : help.options) {
            if (e.value.empty()) continue;  // a flag: the next word is something else
            std::string pattern;
            for (const auto& n : e.names) pattern += (pattern.empty() ? "" : "|") + n;
            std::string what = completer(e.names.back());
            if (!e.choices.empty()) {
                std::string words;
                for (const auto& c : e.choices) words += (words.empty() ? "" : " ") + c;
                what = "mapfile -t COMPREPLY < <(compgen -W " + quote(words) + " -- \"$cur\")";
            }
            out << "                " << pattern << ") " << (what.empty() ? "" : what + "; ") << "return 0 ;;\n";
        }
        out << "            esac\n"
            << "            if [[ $cur == -* ]]; then\n"
            << "                mapfile -t COMPREPLY < <(compgen -W " << quote(options) << " -- \"$cur\")\n"
            << "                return 0\n"
            << "            fi\n";
        for (const Entry& p : help.positionals)
            if (const std::string what = completer(p.names.front()); !what.empty()) out << "            " << what << '\n';
        out << "            ;;\n";
    }
    out << "    esac\n    return 0\n}\ncomplete -F _newsdex newsdex\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: newsdex-manual NEWSDEX OUT_DIR\n";
        return 2;
    }
    try {
        const std::string binary = quote(argv[1]);
        const std::string out_dir = argv[2];
        const Help main = parse(run(binary + " --help"));
        std::string version = run(binary + " --version");
        while (!version.empty() && version.back() == '\n') version.pop_back();
        std::vector<std::pair<std::string, Help>> commands;
        for (const Entry& c : main.commands) commands.emplace_back(c.names.front(), parse(run(binary + " " + quote(c.names.front()) + " --help")));
        if (commands.empty()) throw std::runtime_error("no commands in " + std::string(argv[1]) + " --help");
        std::ofstream man(out_dir + "/newsdex.1"), completion(out_dir + "/newsdex.bash");
        write_man(man, version, main, commands);
        write_completion(completion, main, commands);
        if (!man || !completion) throw std::runtime_error("cannot write into " + out_dir);
    } catch (const std::exception& e) {
        std::cerr << "newsdex-manual: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
