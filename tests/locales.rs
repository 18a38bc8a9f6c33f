//! Every message exists in both languages with the same placeholders, and no user-facing
//! Chinese text hides in the code instead of the locale files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use zhuqi::i18n::{I18N, LOCALES, SOURCES};

/// A message of a Fluent file: where it is and which `$variables` it uses.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Message {
    file: &'static str,
    line: usize,
    variables: BTreeSet<String>,
}

/// The messages (and terms) of a Fluent source: an identifier at the start of a line followed
/// by `=`, with the indented lines after it. Deliberately simple; the real parser runs too.
fn messages(file: &'static str, source: &str) -> Result<BTreeMap<String, Message>, String> {
    let mut out: BTreeMap<String, Message> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (index, line) in source.lines().enumerate() {
        let starts_entry = line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-');
        let body = if starts_entry {
            let Some((key, rest)) = line.split_once('=') else {
                return Err(format!("{file}:{}: an entry without `=`", index + 1));
            };
            let key = key.trim().to_string();
            if out.contains_key(&key) {
                return Err(format!("{file}:{}: {key} is defined twice", index + 1));
            }
            out.insert(
                key.clone(),
                Message {
                    file,
                    line: index + 1,
                    variables: BTreeSet::new(),
                },
            );
            current = Some(key);
            rest
        } else if line.starts_with('#') {
            current = None;
            continue;
        } else {
            line
        };
        if let Some(key) = &current
            && let Some(message) = out.get_mut(key)
        {
            message.variables.extend(variables(body));
        }
    }
    Ok(out)
}

/// The `$names` used in a piece of a message.
fn variables(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let name: String = rest[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if !name.is_empty() {
            out.push(name);
        }
        rest = &rest[at + 1..];
    }
    out
}

fn catalogue(locale: &str) -> BTreeMap<String, Message> {
    let mut all = BTreeMap::new();
    for (l, file, source) in SOURCES {
        if l != locale {
            continue;
        }
        let found = messages(file, source).unwrap_or_else(|e| panic!("{locale}/{e}"));
        for (key, message) in found {
            if let Some(other) = all.insert(key.clone(), message.clone()) {
                panic!(
                    "{locale}: {key} is defined in {} and {}",
                    other.file, message.file
                );
            }
        }
    }
    all
}

#[test]
fn every_locale_file_parses() {
    for (locale, file, source) in SOURCES {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(source.to_string()) {
            panic!("{locale}/{file}: {errors:?}");
        }
    }
}

#[test]
fn every_message_exists_in_both_languages_with_the_same_placeholders() {
    let zh = catalogue("zh-CN");
    let en = catalogue("en");
    assert!(
        zh.len() > 50,
        "the scanner found only {} messages",
        zh.len()
    );
    let mut problems = Vec::new();
    for (key, m) in &zh {
        match en.get(key) {
            None => problems.push(format!("{key} ({}) is missing in en", m.file)),
            Some(e) if e.file != m.file => {
                problems.push(format!("{key} is in zh-CN/{} but en/{}", m.file, e.file))
            }
            Some(e) if e.variables != m.variables => problems.push(format!(
                "{key}: zh-CN/{}:{} uses {:?}, en/{}:{} uses {:?}",
                m.file, m.line, m.variables, e.file, e.line, e.variables
            )),
            Some(_) => {}
        }
    }
    for (key, e) in &en {
        if !zh.contains_key(key) {
            problems.push(format!("{key} ({}) is missing in zh-CN", e.file));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for locale in LOCALES {
        for key in zh.keys().filter(|k| !k.starts_with('-')) {
            assert!(I18N.has(locale, key), "{locale}: {key} does not load");
        }
    }
}

#[test]
fn the_message_scanner_finds_keys_and_placeholders() {
    let found = messages(
        "x.ftl",
        "# c\nhello = Hi { $name }\n  and { $other ->\n    [one] x\n   *[many] { $count }\n  }\n\nbye = Bye\n",
    )
    .unwrap();
    assert_eq!(found.len(), 2);
    let vars: Vec<&str> = found["hello"]
        .variables
        .iter()
        .map(String::as_str)
        .collect();
    assert_eq!(vars, ["count", "name", "other"]);
    assert!(found["bye"].variables.is_empty());
    assert!(messages("x.ftl", "a = 1\na = 2\n").is_err());
}

// ---------------------------------------------------------------------------------------------
// Chinese in the code.

/// Files whose Chinese string literals are data, not messages: category and role names and
/// keywords, the calendar file's keywords, roster header and value aliases, the demo county.
const ALLOWED: [&str; 13] = [
    // Words people type, recognized on input (language names, 今天/明天), never shown.
    "src/conversation/lang.rs",
    "src/conversation/channel.rs",
    "src/conversation/parse.rs",
    "src/conversation/parse/weekday.rs",
    "src/domain/category.rs",
    "src/domain/role.rs",
    "src/domain/calendar.rs",
    "src/roster/fields.rs",
    "src/roster/import/check.rs",
    "src/demo/data.rs",
    // Stage names, amounts and dates as the county writes them.
    "src/domain/project.rs",
    // Kinds of approval item as a catalogue file writes them; the demo county's catalogue.
    "src/domain/approval.rs",
    "src/demo/catalogue.rs",
];

/// The product's own name may appear anywhere (for example in `--help`).
const PRODUCT_NAME: &str = "助企";

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// The string literals of Rust source, with the line each starts on. Comments, char literals
/// and lifetimes are skipped; raw strings are read whole.
fn string_literals(src: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if chars[i] == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                }
            }
            'r' if (next == Some('"') || next == Some('#'))
                && (i == 0 || !ident(chars[i - 1]) || chars[i - 1] == 'b') =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while chars.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if chars.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start_line = line;
                let mut text = String::new();
                j += 1;
                while j < chars.len() {
                    if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    if chars[j] == '\n' {
                        line += 1;
                    }
                    text.push(chars[j]);
                    j += 1;
                }
                out.push((start_line, text));
                i = j;
            }
            '"' => {
                let start_line = line;
                let mut text = String::new();
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\\' {
                        j += 1;
                    }
                    if chars.get(j) == Some(&'\n') {
                        line += 1;
                    }
                    if let Some(ch) = chars.get(j) {
                        text.push(*ch);
                    }
                    j += 1;
                }
                out.push((start_line, text));
                i = j + 1;
            }
            '\'' => {
                // A char literal ('x', '\n', '\u{4e2d}') or a lifetime ('a).
                if next == Some('\\') {
                    let mut j = i + 2;
                    while j < chars.len() && chars[j] != '\'' {
                        j += 1;
                    }
                    i = j + 1;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Chinese string literals in a file, outside its `#[cfg(test)]` module (by convention last).
fn chinese_literals(src: &str) -> Vec<(usize, String)> {
    let code = match src.find("#[cfg(test)]") {
        Some(at) => &src[..at],
        None => src,
    };
    string_literals(code)
        .into_iter()
        .filter(|(_, text)| text.replace(PRODUCT_NAME, "").chars().any(is_cjk))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_literal_scanner_sees_strings_and_skips_comments_chars_and_lifetimes() {
    let src = "// 注释 \"不是字符串\"\n/* 块注释 /* 嵌套 */ \"也不是\" */\nfn f<'a>(x: &'a str) -> char {\n    let url = \"https://x/y\"; // 说明\n    let s = \"第一\\\"段\";\n    let r = r#\"原始\"字符串\"#;\n    let b = b\"bytes\";\n    let c = '中';\n    let e = '\\'';\n    \"助企\";\n    \"多行\n文本\"\n}\n";
    let found = string_literals(src);
    let texts: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "https://x/y",
            "第一\"段",
            "原始\"字符串",
            "bytes",
            "助企",
            "多行\n文本"
        ]
    );
    let chinese: Vec<usize> = chinese_literals(src).iter().map(|(l, _)| *l).collect();
    assert_eq!(chinese, [5, 6, 11]);
    assert!(chinese_literals("#[cfg(test)]\nmod tests { \"测试\" }").is_empty());
}

#[test]
fn no_user_facing_chinese_is_written_in_the_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 10);
    let mut found = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if ALLOWED.contains(&relative.as_str()) {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for (line, text) in chinese_literals(&src) {
            found.push(format!("{relative}:{line}: {text:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "move these to locales/*.ftl (or, for data, add the file to ALLOWED):\n{}",
        found.join("\n")
    );
}
