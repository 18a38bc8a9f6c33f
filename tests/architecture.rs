//! The layering the README's architecture section draws, checked on the source so that a change
//! that breaks it fails here rather than in review: SQL only in `store/`, time only from the
//! clock, Telegram only in `telegram/`, the command layer imported by nothing below it, no file
//! over 500 lines, and no circle of imports between the modules of one folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, in order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// The file without its comments (line and doc comments; strings are left alone, and no
/// source line of ours starts a comment inside a string).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("source file");
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Files of `src/` (relative paths) whose code contains `needle`, but for the allowed ones.
fn found_outside(needle: &str, allowed: impl Fn(&str) -> bool) -> Vec<String> {
    let root = src();
    rust_files(&root)
        .into_iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (!allowed(&rel) && code(&p).contains(needle)).then_some(rel)
        })
        .collect()
}

#[test]
fn sql_time_and_telegram_each_stay_in_their_own_layer() {
    let sql = found_outside("sqlx::", |f| f.starts_with("store/"));
    assert!(sql.is_empty(), "sqlx outside src/store/: {sql:?}");
    let time = found_outside("Utc::now()", |f| f == "clock.rs");
    assert!(time.is_empty(), "the time read outside the clock: {time:?}");
    let sql_time: Vec<PathBuf> = rust_files(&src())
        .into_iter()
        .filter(|p| {
            let text = code(p);
            text.match_indices("now()").any(|(i, _)| {
                !text[..i]
                    .ends_with(|c: char| c == '.' || c == '_' || c == ':' || c.is_alphanumeric())
            })
        })
        .collect();
    assert!(
        sql_time.is_empty(),
        "the time read in SQL (now()): {sql_time:?}"
    );
    let telegram = found_outside("teloxide", |f| f.starts_with("telegram/"));
    assert!(
        telegram.is_empty(),
        "teloxide outside src/telegram/: {telegram:?}"
    );
    let cli = found_outside("crate::cli", |f| f.starts_with("cli/") || f == "main.rs");
    assert!(
        cli.is_empty(),
        "the command layer imported from below: {cli:?}"
    );
}

#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<(PathBuf, usize)> = rust_files(&src())
        .into_iter()
        .map(|p| {
            let n = std::fs::read_to_string(&p).unwrap().lines().count();
            (p, n)
        })
        .filter(|(_, n)| *n > 500)
        .collect();
    assert!(long.is_empty(), "files over 500 lines: {long:?}");
}

/// The modules of a folder: its `.rs` files and its subfolders (a module may be both
/// `x.rs` and `x/`), each with all the files that make it up.
fn modules(dir: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            out.entry(name).or_default().extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs")
            && !["mod", "lib", "main", "build"].contains(&name.as_str())
        {
            out.entry(name).or_default().push(path);
        }
    }
    out
}

/// The first names of the paths in `use …::{a, b::c, d as e}` (the text after the `{`).
fn group_heads(after_brace: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in after_brace.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                heads.push(after_brace[start..i].to_string());
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(after_brace[start..i].to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    heads
        .iter()
        .filter_map(|h| {
            let h = h.trim();
            let end = h.find(|c: char| !(c.is_alphanumeric() || c == '_'));
            let name = &h[..end.unwrap_or(h.len())];
            (!name.is_empty()).then(|| name.to_string())
        })
        .collect()
}

/// The sibling modules `text` names after `prefix` (`super::` of the right depth, or the
/// folder's crate path): `prefix name` and `prefix {…, name, …}`.
fn named_after(text: &str, prefix: &str, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(prefix) {
        let at = from + i;
        from = at + prefix.len();
        // `super::super::x` is not `super::x`: the match must not continue a longer path.
        let before = &text[..at];
        if before.ends_with("::") || before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &text[from..];
        let names = match rest.strip_prefix('{') {
            Some(group) => group_heads(group),
            None => {
                let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'));
                vec![rest[..end.unwrap_or(rest.len())].to_string()]
            }
        };
        out.extend(names.into_iter().filter(|n| siblings.contains(n)));
    }
    out
}

/// How many `super::` lead from `file`'s module up to `dir`.
fn supers(dir: &Path, file: &Path) -> usize {
    let rel = file.strip_prefix(dir).unwrap();
    let parts = rel.components().count();
    if rel.file_name().is_some_and(|n| n == "mod.rs") {
        parts - 1
    } else {
        parts
    }
}

fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in &graph[node] {
            match state.get(next) {
                Some(1) => {
                    let start = path.iter().position(|p| p == next).unwrap();
                    let mut circle = path[start..].to_vec();
                    circle.push(next.clone());
                    return Some(circle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, graph, state, path) {
                        return Some(c);
                    }
                }
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node)
            && let Some(c) = visit(node, graph, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_modules_of_a_folder_import_each_other_in_no_circle() {
    let root = src();
    let mut folders = vec![root.clone()];
    folders.extend(
        rust_files(&root)
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect::<BTreeSet<_>>(),
    );
    let mut circles = Vec::new();
    for dir in folders.into_iter().collect::<BTreeSet<_>>() {
        let mods = modules(&dir);
        let names: BTreeSet<String> = mods.keys().cloned().collect();
        let rel = dir
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace(['/', '\\'], "::");
        let crate_path = if rel.is_empty() {
            "crate::".to_string()
        } else {
            format!("crate::{rel}::")
        };
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (name, files) in &mods {
            let mut uses = BTreeSet::new();
            for file in files {
                let text = code(file);
                uses.extend(named_after(&text, &crate_path, &names));
                uses.extend(named_after(
                    &text,
                    &"super::".repeat(supers(&dir, file)),
                    &names,
                ));
            }
            uses.remove(name);
            graph.insert(name.clone(), uses);
        }
        if let Some(circle) = find_circle(&graph) {
            circles.push(format!(
                "src/{}: {}",
                rel.replace("::", "/"),
                circle.join(" → ")
            ));
        }
    }
    assert!(circles.is_empty(), "import circles: {circles:#?}");
}

#[test]
fn the_circle_check_sees_a_circle() {
    // The positive control: two modules naming each other, in the three ways code does.
    let names: BTreeSet<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
    let a = named_after("use super::{b, c::X};", "super::", &names);
    let b = named_after(
        "let x = crate::f::a::y(); super::super::c::z();",
        "crate::f::",
        &names,
    );
    assert_eq!(a, ["b", "c"].iter().map(|s| s.to_string()).collect());
    assert_eq!(b, ["a"].iter().map(|s| s.to_string()).collect());
    let graph = BTreeMap::from([
        ("a".to_string(), a),
        ("b".to_string(), b),
        ("c".to_string(), BTreeSet::new()),
    ]);
    assert_eq!(
        find_circle(&graph),
        Some(vec!["a".to_string(), "b".to_string(), "a".to_string()])
    );
}
