// Finding an HTML page's article text among its navigation, adverts, comments and link lists.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <string>

namespace newsdex {

/// The tunable numbers of main-text detection. The defaults are the values chosen by
/// cross-validation on the shared pages (bench/html_extraction_bench --cv, docs/ingestion.md);
/// the benchmark varies them, nothing else should need to.
struct MainTextParams {
    /// Choosing the content root: the cost of one boilerplate character against one of prose.
    double bad_weight = 1.0;
    /// Choosing the content root: a block counts this much less for every level of markup between
    /// it and the candidate, so that the root is the element that holds the prose closely, not
    /// the <body> that also holds every prose-like notice and teaser of the page. 1: no decay.
    double depth_decay = 1.0;
    /// Inside the root, the child with the most prose stays when its prose is at least this many
    /// times its boilerplate; every other child needs sibling_ratio.
    double main_child_ratio = 1.0;
    double sibling_ratio = 1.0;
    /// Blocks shorter than this (characters) are prose only when they end a sentence or have commas.
    std::size_t short_block = 60;
    /// Blocks with a larger share of link text are link lists.
    double link_density = 0.5;
    /// Regions named as boilerplate by class/id stay when they hold more than this share of the
    /// page's prose (strongly named: comments, related; weakly named: sidebar, nav, footer).
    double strong_keep = 0.6;
    double weak_keep = 0.5;
    /// The page's own article markup (itemprop=articleBody, <article>) is taken as the content
    /// root when it scores at least this share of the best root found by density; above 1: never.
    double markup_share = 0.8;
    /// Blocks whose text the page's metadata repeats (JSON-LD articleBody, og:description) count
    /// as article text whatever their length or links.
    bool metadata_hints = true;
    /// Siblings of the content root join it when their prose is at least this share of the root's
    /// (and outweighs their boilerplate by sibling_ratio); above 1: never.
    double join_share = 1.01;
    /// Share of the prose of repeated records (comments, teasers: three or more siblings alike,
    /// each several blocks with a link) that counts as boilerplate instead.
    double record_penalty = 0.5;
};

/// The main text of the page rooted at @p root, paragraphs separated by '\n'. Removes the page's
/// boilerplate subtrees from the document as it goes, so the caller must not reuse the tree.
std::string html_main_text(xmlNode* root, const MainTextParams& params = {});

}  // namespace newsdex
