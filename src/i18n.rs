//! Every user-facing string comes from `locales/<lang>/*.ftl` (Fluent), embedded in the binary.
//! Messages are written in the engine's own small markup (see `MARKUP`), which each transport
//! renders: string arguments are escaped here, so user text can never break the markup;
//! pre-rendered fragments go in with `Args::html`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::sync::LazyLock;
use unic_langid::LanguageIdentifier;

/// Supported languages, the default first.
pub const LOCALES: [&str; 2] = ["zh-CN", "en"];
pub const DEFAULT_LOCALE: &str = "zh-CN";

/// The Fluent sources, one file per part of the product, in both languages.
macro_rules! sources {
    ($($file:literal),*) => {
        [
            $(("zh-CN", $file, include_str!(concat!("../locales/zh-CN/", $file))),)*
            $(("en", $file, include_str!(concat!("../locales/en/", $file))),)*
        ]
    };
}
pub const SOURCES: [(&str, &str, &str); 30] = sources!(
    "main.ftl",
    "bot.ftl",
    "scheduler.ftl",
    "reports.ftl",
    "menus.ftl",
    "doors.ftl",
    "access.ftl",
    "casework.ftl",
    "projects.ftl",
    "items.ftl",
    "modes.ftl",
    "accountability.ftl",
    "inspections.ftl",
    "wecom.ftl",
    "townships.ftl"
);

/// The tags of the engine's markup, in which every reply's text and every locale message is
/// written: plain text with `<b>…</b>` for emphasis and the escapes `&amp;`, `&lt;`, `&gt;` and
/// `&quot;` for `&`, `<`, `>` and `"`. It is a subset of HTML, so a transport with an HTML mode
/// (Telegram's parse mode) passes it through; one without renders it with `html_to_text` (the
/// console). Adding a tag here means every transport must render it. `<a href="tel:…">` makes a
/// phone number a link (made in code, never in the locale files); without links it is the
/// number as written.
pub const MARKUP_TAGS: [&str; 2] = ["b", "a"];

/// Arguments for a message. String values are escaped for the markup unless added with `html`.
#[derive(Default)]
pub struct Args<'a>(FluentArgs<'a>);

impl<'a> Args<'a> {
    pub fn new() -> Args<'a> {
        Args(FluentArgs::new())
    }
    /// Plain text (escaped for HTML).
    pub fn str(mut self, name: &'a str, value: impl AsRef<str>) -> Self {
        self.0
            .set(name, FluentValue::from(escape_html(value.as_ref())));
        self
    }
    /// A fragment that is already valid HTML (for example another rendered message).
    pub fn html(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.0.set(name, FluentValue::from(value.into()));
        self
    }
    pub fn num(mut self, name: &'a str, value: impl Into<f64>) -> Self {
        self.0.set(name, FluentValue::from(value.into()));
        self
    }
}

/// Escapes text for the engine's markup (and so for any HTML parse mode).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Turns a rendered HTML message into plain text (for the console and the command line).
pub fn html_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

pub struct I18n {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

/// The process-wide catalogue.
pub static I18N: LazyLock<I18n> = LazyLock::new(I18n::load);

impl I18n {
    fn load() -> I18n {
        let mut bundles = HashMap::new();
        for locale in LOCALES {
            let langid: LanguageIdentifier = locale.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            for (_, name, source) in SOURCES.iter().filter(|(l, _, _)| *l == locale) {
                let resource =
                    FluentResource::try_new(source.to_string()).unwrap_or_else(|(res, errors)| {
                        tracing::error!(
                            locale,
                            file = name,
                            ?errors,
                            "locale file has syntax errors"
                        );
                        res
                    });
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(
                        locale,
                        file = name,
                        ?errors,
                        "locale file redefines messages"
                    );
                }
            }
            bundles.insert(locale, bundle);
        }
        I18n { bundles }
    }

    /// Whether `key` exists in `locale`.
    pub fn has(&self, locale: &str, key: &str) -> bool {
        self.bundles.get(locale).is_some_and(|b| b.has_message(key))
    }

    /// Renders `key` in `locale`, falling back to the default language, then to the key itself.
    pub fn get(&self, locale: &str, key: &str, args: Option<&Args>) -> String {
        let locale = normalize_locale(locale);
        for loc in [locale, DEFAULT_LOCALE] {
            let Some(bundle) = self.bundles.get(loc) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = vec![];
            let text = bundle.format_pattern(pattern, args.map(|a| &a.0), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, locale = loc, ?errors, "message formatted with errors");
            }
            return text.into_owned();
        }
        tracing::error!(key, locale, "missing message");
        key.to_string()
    }
}

/// Maps what a person or a messenger says (`zh`, `zh-hans`, `en-US`) to a supported locale.
/// Maps full-width digits and punctuation, as Chinese input methods type them, to ASCII, one
/// character for one.
pub fn narrow(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '－' | '—' | '–' => '-',
        '／' => '/',
        '．' | '。' => '.',
        c => c,
    }
}

pub fn normalize_locale(s: &str) -> &'static str {
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("en") {
        "en"
    } else {
        DEFAULT_LOCALE
    }
}

/// Renders a message without arguments.
pub fn t(locale: &str, key: &str) -> String {
    I18N.get(locale, key, None)
}

/// Renders a message with arguments.
pub fn tr(locale: &str, key: &str, args: Args) -> String {
    I18N.get(locale, key, Some(&args))
}

/// Renders a message with arguments as plain text (for the console and the command line).
pub fn plain(locale: &str, key: &str, args: Args) -> String {
    html_to_text(&tr(locale, key, args))
}

/// Why a file could not be read or written, in the person's language: the common reasons by
/// name, any other as the system words it.
pub fn io_reason(locale: &str, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let key = match e.kind() {
        ErrorKind::NotFound => "io-not-found",
        ErrorKind::PermissionDenied => "io-permission-denied",
        ErrorKind::AlreadyExists => "io-already-exists",
        ErrorKind::IsADirectory => "io-is-a-directory",
        ErrorKind::NotADirectory => "io-not-a-directory",
        ErrorKind::StorageFull => "io-storage-full",
        ErrorKind::ReadOnlyFilesystem => "io-read-only",
        _ => return e.to_string(),
    };
    plain(locale, key, Args::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_arguments_are_escaped() {
        let s = tr("en", "test-echo", Args::new().str("text", "<b>&</b>"));
        assert!(s.contains("&lt;b&gt;&amp;&lt;/b&gt;"), "{s}");
        assert_eq!(html_to_text(&s), "echo: <b>&</b>");
    }

    #[test]
    fn the_locales_use_only_the_engines_markup() {
        for (locale, file, source) in SOURCES {
            let mut rest = source;
            while let Some(i) = rest.find('<') {
                let tag: String = rest[i + 1..]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                assert!(
                    tag.is_empty() || MARKUP_TAGS.contains(&tag.as_str()),
                    "<{tag}> in {locale}/{file}"
                );
                rest = &rest[i + 1..];
            }
        }
    }
}
