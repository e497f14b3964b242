// Finding an HTML page's article text among its navigation, adverts, comments and link lists.
#pragma once

#include <libxml/tree.h>

#include <string>

namespace newsdex {

/// The main text of the page rooted at @p root, paragraphs separated by '\n'. Removes the page's
/// boilerplate subtrees from the document as it goes, so the caller must not reuse the tree.
std::string html_main_text(xmlNode* root);

}  // namespace newsdex
