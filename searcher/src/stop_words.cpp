#include "stop_words.h"

#include <unordered_set>

namespace newsdex {

bool is_stop_word(std::string_view normalized_word) {
    // One set for the three languages: Latin and Cyrillic words never clash, and a word that is a
    // function word in Ukrainian is one in Russian wherever both spell it alike (та, на, до, при,
    // же). Words with a content meaning in one of the two are left out (ось: "here" in Ukrainian,
    // "axis" in Russian; коло: "near" and "circle").
    static const std::unordered_set<std::string_view> words{
        // English
        "a", "about", "also", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "did", "do",
        "does", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "its",
        "me", "my", "nor", "not", "of", "on", "onto", "or", "our", "she", "so", "than", "that", "the", "their",
        "them", "then", "there", "these", "they", "this", "those", "to", "was", "were", "what", "which", "whom",
        "whose", "with", "you", "your",
        // Ukrainian
        "а", "або", "але", "б", "без", "би", "був", "була", "було", "були", "в", "вже", "ви", "від", "він",
        "вона", "вони", "воно", "для", "до", "є", "ж", "же", "з", "за", "зі", "і", "із", "її", "їх", "й", "лише",
        "ми", "на", "над", "не", "ні", "о", "об", "під", "по", "при", "про", "та", "також", "те", "теж", "ти",
        "ті", "тільки", "той", "у", "це", "цей", "ці", "ця", "чи", "що", "щоб", "ще", "як", "якщо", "я", "його",
        // Russian, the Cyrillic words not listed above
        "бы", "был", "была", "было", "были", "во", "вот", "все", "вы", "да", "его", "ее", "еще", "если", "и", "из",
        "изо", "или", "к", "ко", "ли", "либо", "лишь", "между", "мы", "но", "ни", "обо", "он", "она", "они", "оно",
        "от", "перед", "с", "со", "также", "то", "тоже", "только", "тот", "чтобы", "что", "эта", "эти", "этот", "это"};
    return words.count(normalized_word) > 0;
}

}  // namespace newsdex
