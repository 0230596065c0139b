//! A theme template Tera cannot read or render, told as camnang tells
//! other mistakes: in the site's language, at the file, line and column of
//! the template that holds the mistake (a partial every page includes,
//! not each page's own template), with a "did you mean" where one is
//! likely. Tera's own words are kept only where camnang has none.

use crate::diag::Diagnostic;
use crate::load::yaml::did_you_mean;
use crate::messages::Msg;
use crate::model::Site;
use crate::theme::Theme;

/// The filters of Tera 1.20 as camnang builds it (without its `builtins`
/// feature, so no `date`, `filesizeformat`, `slugify` or `urlencode`), for
/// a "did you mean".
const FILTERS: &[&str] = &[
    "abs",
    "addslashes",
    "as_str",
    "capitalize",
    "concat",
    "default",
    "escape",
    "escape_xml",
    "filter",
    "first",
    "float",
    "get",
    "group_by",
    "indent",
    "int",
    "join",
    "json_encode",
    "last",
    "length",
    "linebreaksbr",
    "lower",
    "map",
    "nth",
    "pluralize",
    "replace",
    "reverse",
    "round",
    "safe",
    "slice",
    "sort",
    "spaceless",
    "split",
    "striptags",
    "title",
    "trim",
    "trim_end",
    "trim_end_matches",
    "trim_start",
    "trim_start_matches",
    "truncate",
    "unique",
    "upper",
    "wordcount",
];

/// The mistake `e` of rendering (or reading) `template`, with `sources`
/// the theme's templates as written (name under `templates/`, text).
pub(crate) fn told(
    site: &Site,
    sources: &[(String, String)],
    template: &str,
    e: &tera::Error,
) -> Diagnostic {
    let chain = chain(e);
    let inner = innermost(&chain).unwrap_or_else(|| template.to_string());
    let text_of = |name: &str| {
        sources
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    };
    // the template whose text holds `needle`, and where: the named one
    // first, else any (Tera names the page's template for a filter or an
    // include it cannot find in a partial)
    let find = |needle: &dyn Fn(&str) -> Option<usize>| -> Option<(String, usize, usize)> {
        let order = std::iter::once(inner.as_str()).chain(sources.iter().map(|(n, _)| n.as_str()));
        order.into_iter().find_map(|name| {
            let text = text_of(name)?;
            text.lines().enumerate().find_map(|(i, l)| {
                let at = needle(l)?;
                Some((name.to_string(), i + 1, l[..at].chars().count() + 1))
            })
        })
    };
    let last = chain.last().map(String::as_str).unwrap_or_default();
    let placed = |name: &str, msg: Msg, line: usize, col: usize| {
        let file = site.theme_file(&format!("templates/{name}"));
        let text = text_of(name).unwrap_or_default();
        Diagnostic::error(msg).in_file(file).at(line, col, text)
    };

    // a template Tera cannot read: where, and what it expected
    if chain.iter().any(|m| m.contains("Failed to parse '")) {
        let detail = chain.join("\n");
        let at = detail.split(" --> ").nth(1).and_then(|rest| {
            let (l, c) = rest.split_once(':')?;
            let c: String = c.chars().take_while(char::is_ascii_digit).collect();
            Some((l.trim().parse::<usize>().ok()?, c.parse::<usize>().ok()?))
        });
        let expected = detail
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("= "))
            .unwrap_or_default()
            .to_string();
        if let Some((line, col)) = at {
            let msg = Msg::TemplateSyntax {
                template: format!("templates/{inner}"),
                expected,
            };
            return placed(&inner, msg, line, col);
        }
    }
    // a name the page does not have (`site.contact.phonee`)
    if let Some(name) = between(last, "Variable `", "` not found").map(str::to_string) {
        let builtin = builtin_names();
        let known: Vec<&str> = builtin.iter().map(String::as_str).collect();
        let near = did_you_mean(&name, &known);
        let at = |l: &str| find_name(l, &name);
        if let Some((file, line, col)) = find(&at) {
            let msg = Msg::TemplateUnknownName {
                template: format!("templates/{file}"),
                name,
                near,
            };
            return placed(&file, msg, line, col);
        }
    }
    // a filter Tera does not have (`| uper`)
    if let Some(filter) = between(last, "Filter '", "' not found").map(str::to_string) {
        let near = did_you_mean(&filter, FILTERS);
        let at = |l: &str| filter_at(l, &filter);
        if let Some((file, line, col)) = find(&at) {
            let msg = Msg::TemplateUnknownFilter {
                template: format!("templates/{file}"),
                filter,
                near,
            };
            return placed(&file, msg, line, col);
        }
    }
    // a template named that is not there (`{% include "partials/x.html" %}`)
    if let Some(missing) =
        between(last, "Template '", "' not found").map(|t| t.trim_matches(['[', ']']).to_string())
    {
        let at = |l: &str| {
            ["\"", "'"]
                .iter()
                .find_map(|q| l.find(&format!("{q}{missing}{q}")))
        };
        if let Some((file, line, col)) = find(&at) {
            let msg = Msg::TemplateMissing {
                template: format!("templates/{file}"),
                name: missing,
            };
            return placed(&file, msg, line, col);
        }
    }
    // a mistake Tera meets while rendering (math on a text, a filter's
    // or a function's argument): Tera names the page's template, so the
    // expression is looked for where it is written (a partial every page
    // includes was told once a page template, with no place)
    let part = |lead: &str, end: &str| {
        chain.iter().find_map(|m| {
            Some(
                m[m.find(lead)? + lead.len()..]
                    .split_once(end)?
                    .0
                    .to_string(),
            )
        })
    };
    let at: Option<Box<Needle>> =
        if let Some(name) = part("Variable `", "` was used in a math operation") {
            Some(Box::new(move |l: &str| {
                // (the name beside an operator: `site.title + 1`, `2 * x`;
                // not `{{- x`, whose dash trims the space before it)
                let ops = ['+', '-', '*', '/', '%'];
                l.match_indices(name.as_str()).map(|(i, _)| i).find(|&i| {
                    let before = l[..i].trim_end();
                    let after = l[i + name.len()..].trim_start();
                    find_name(&l[i..], &name) == Some(0)
                        && (after.starts_with(ops)
                            || (before.ends_with(ops)
                                && !before.ends_with("{{-")
                                && !before.ends_with("{%-")))
                })
            }))
        } else if let Some(filter) = part("Filter call '", "' failed") {
            Some(Box::new(move |l: &str| filter_at(l, &filter)))
        } else {
            part("Function call '", "' failed").map(|function| {
                Box::new(move |l: &str| {
                    let i = find_name(l, &function)?;
                    l[i + function.len()..]
                        .trim_start()
                        .starts_with('(')
                        .then_some(i)
                }) as Box<Needle>
            })
        };
    // (placed only where one line of all the templates can be meant: a
    // filter every page template uses, `join`, stays unplaced rather than
    // told at a built-in line the clerk did not write)
    let only = |at: &Needle| -> Option<(String, usize, usize)> {
        let mut hits = sources.iter().flat_map(|(name, text)| {
            text.lines().enumerate().filter_map(move |(i, l)| {
                let c = at(l)?;
                Some((name.clone(), i + 1, l[..c].chars().count() + 1))
            })
        });
        let first = hits.next()?;
        hits.next().is_none().then_some(first)
    };
    if let Some(at) = at
        && let Some((file, line, col)) = only(&*at)
        && let Msg::TemplateFailed { detail, .. } = unplaced(template, e).msg.clone()
    {
        let msg = Msg::TemplateFailed {
            template: format!("templates/{file}"),
            detail,
        };
        return placed(&file, msg, line, col);
    }
    unplaced(template, e)
}

/// Where something is in a line of a template: its byte offset.
type Needle = dyn Fn(&str) -> Option<usize>;

/// Where the filter `filter` is applied in `line` (`| uper`).
fn filter_at(line: &str, filter: &str) -> Option<usize> {
    line.match_indices('|').find_map(|(i, _)| {
        let after = line[i + 1..].trim_start();
        let rest = after.strip_prefix(filter)?;
        let ends = !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        ends.then(|| i + 1 + (line[i + 1..].len() - after.len()))
    })
}

/// The mistake `e` of `template` in Tera's words (`E034`), at the
/// innermost template Tera names.
pub(crate) fn unplaced(template: &str, e: &tera::Error) -> Diagnostic {
    let chain = chain(e);
    let inner = innermost(&chain).unwrap_or_else(|| template.to_string());
    // (without "Failed to render 'page.html'", which differs page by page)
    let detail = match chain.split_first() {
        Some((outer, rest)) if outer.starts_with("Failed to render") && !rest.is_empty() => {
            rest.join(": ")
        }
        _ => chain.join(": "),
    };
    Diagnostic::error(Msg::TemplateFailed {
        template: format!("templates/{inner}"),
        detail,
    })
}

/// Tera's error and its causes, outermost first.
fn chain(e: &tera::Error) -> Vec<String> {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    chain
}

/// The template the mistake is in: the innermost one Tera names (a
/// partial every page includes, rather than each page's own template).
fn innermost(chain: &[String]) -> Option<String> {
    let named = |m: &str| {
        [
            "while rendering '",
            "Failed to parse '",
            "Failed to render '",
        ]
        .iter()
        .filter_map(|lead| {
            let at = m.rfind(lead)? + lead.len();
            m[at..].split('\'').next().map(str::to_string)
        })
        .next()
    };
    chain.iter().rev().find_map(|m| named(m))
}

/// Where `line` holds the name `name` as a whole (`p.titl`, not inside
/// `p.title` or a word, nor a block's name).
fn find_name(line: &str, name: &str) -> Option<usize> {
    let part = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    line.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + name.len()..].chars().next();
        let block = line[..i].trim_end().ends_with("block");
        !before.is_some_and(part) && !after.is_some_and(part) && !block
    })
}

/// What `text` holds between `before`, at its start, and `after`.
fn between<'a>(text: &'a str, before: &str, after: &str) -> Option<&'a str> {
    text.strip_prefix(before)?.split_once(after).map(|(x, _)| x)
}

/// The names the built-in templates look up (`p.title`,
/// `site.contact.phone`, `t.home`, and what an output tag `{{ … }}` starts
/// with): what pages have, for a "did you mean". Not Tera's words, block
/// names, filters or loop variables of a letter or two. Read once a run:
/// a mistake in a template every page uses is told by every page's render.
fn builtin_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(read_builtin_names)
}

fn read_builtin_names() -> Vec<String> {
    let theme = Theme::builtin();
    let mut names: Vec<String> = Vec::new();
    let mut add = |w: &str| {
        if !names.iter().any(|n| n == w) {
            names.push(w.to_string());
        }
    };
    let file = |w: &str| {
        w.rsplit('.')
            .next()
            .is_some_and(|e| ["html", "js", "css", "xml", "txt", "yaml"].contains(&e))
    };
    for (_, bytes) in theme.under("templates/") {
        let text = String::from_utf8_lossy(bytes);
        let mut rest = &text[..];
        while let Some(at) = rest.find('{') {
            rest = &rest[at + 1..];
            let output = rest.starts_with('{');
            if !output && !rest.starts_with('%') {
                continue;
            }
            // (the tag's text, after its `{` or `%`, up to its end)
            let end = rest[1..].find(['}', '%']).map_or(rest.len(), |e| e + 1);
            let tag = &rest[1..end];
            let words = tag.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'));
            for (i, w) in words.filter(|w| !w.is_empty()).enumerate() {
                let name = w.starts_with(|c: char| c.is_ascii_lowercase());
                let dotted = w.contains('.') && !w.ends_with('.') && !file(w);
                if name && (dotted || (output && i == 0 && w.len() > 2)) {
                    add(w);
                }
            }
            rest = &rest[end..];
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_pages_have_come_from_the_built_in_templates() {
        let names = builtin_names();
        for n in ["p.title", "site.contact.phone", "category.url"] {
            assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
        }
        assert_eq!(
            did_you_mean(
                "site.contact.phonee",
                &names.iter().map(String::as_str).collect::<Vec<_>>()
            ),
            Some("site.contact.phone".to_string())
        );
        assert_eq!(did_you_mean("uper", FILTERS), Some("upper".to_string()));
        // not Tera's words, block names or file names
        for w in ["for", "if", "endblock", "main", "safe", "base.html", "d"] {
            assert!(!names.iter().any(|x| x == w), "{w} in {names:?}");
        }
        assert_eq!(find_name("{{ p.title }} {{ p.titl }}", "p.titl"), Some(17));
        assert_eq!(find_name("{% block title %}{{ title }}", "title"), Some(20));
        assert_eq!(find_name("{{ p.title }}", "title"), None);
    }
}
