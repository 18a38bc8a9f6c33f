//! A command line that cannot be read, said in the operator's language: what is wrong with it,
//! what would be right, and how to see the usage. Help and version go out as clap writes them.

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Cli;

use crate::i18n::{Args, plain};

/// The message for a command line clap refused, or `None` when clap's own output is the answer
/// (help or version asked for, or help shown for a command given without what it needs).
/// `words` are the command line's words after the program's name.
pub fn usage_error(locale: &str, e: &clap::Error, words: &[String]) -> Option<String> {
    let said = |kind: ContextKind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = said(ContextKind::InvalidArg);
    let (key, args) = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidValue => {
            let (value, valid) = (
                said(ContextKind::InvalidValue),
                said(ContextKind::ValidValue),
            );
            let key = if value.is_empty() {
                "cli-usage-missing-value"
            } else if valid.is_empty() {
                "cli-usage-bad-value"
            } else {
                "cli-usage-invalid-value"
            };
            let args = Args::new()
                .str("value", value)
                .str("arg", &arg)
                .str("valid", valid);
            (key, args)
        }
        ErrorKind::ValueValidation => (
            "cli-usage-bad-value",
            Args::new()
                .str("value", said(ContextKind::InvalidValue))
                .str("arg", &arg),
        ),
        ErrorKind::InvalidSubcommand => (
            "cli-usage-unknown-command",
            Args::new().str("command", said(ContextKind::InvalidSubcommand)),
        ),
        ErrorKind::UnknownArgument => ("cli-usage-unknown-arg", Args::new().str("arg", &arg)),
        ErrorKind::MissingRequiredArgument => {
            ("cli-usage-missing-arg", Args::new().str("arg", &arg))
        }
        ErrorKind::MissingSubcommand => ("cli-usage-missing-command", Args::new()),
        ErrorKind::ArgumentConflict => (
            "cli-usage-conflict",
            Args::new()
                .str("arg", &arg)
                .str("other", said(ContextKind::PriorArg)),
        ),
        ErrorKind::TooManyValues => (
            "cli-usage-extra-value",
            Args::new().str("value", said(ContextKind::InvalidValue)),
        ),
        _ => ("cli-usage-unreadable", Args::new()),
    };
    let mut lines = vec![plain(locale, key, args)];
    let suggested = [
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
    ]
    .into_iter()
    .find_map(|kind| match e.get(kind) {
        Some(ContextValue::String(one)) => Some(vec![one.clone()]),
        Some(ContextValue::Strings(many)) if !many.is_empty() => Some(many.clone()),
        _ => None,
    });
    if let Some(suggested) = suggested {
        let quoted: Vec<String> = suggested
            .iter()
            .map(|s| plain(locale, "cli-usage-quoted", Args::new().str("text", s)))
            .collect();
        lines.push(plain(
            locale,
            "cli-usage-did-you-mean",
            Args::new().str(
                "suggested",
                quoted.join(&plain(locale, "cli-usage-or", Args::new())),
            ),
        ));
    }
    // clap's usage line names the command and its arguments; only its heading is English.
    let usage = said(ContextKind::Usage);
    let usage = usage.trim().strip_prefix("Usage:").map(str::trim);
    if let Some(usage) = usage {
        lines.push(plain(
            locale,
            "cli-usage-line",
            Args::new().str("usage", usage),
        ));
    }
    lines.push(plain(
        locale,
        "cli-usage-help",
        Args::new().str("command", command_of(usage, words)),
    ));
    Some(lines.join("\n"))
}

/// The command the operator was giving, for its `--help`: the words of the usage line before
/// its arguments, or the subcommand named first on the command line, or `zhuqi` alone.
fn command_of(usage: Option<&str>, words: &[String]) -> String {
    if let Some(usage) = usage {
        let named: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['<', '[', '-']))
            .collect();
        if !named.is_empty() {
            return named.join(" ");
        }
    }
    let cli = Cli::command();
    match words.first().and_then(|w| cli.find_subcommand(w)) {
        Some(sub) => format!("zhuqi {}", sub.get_name()),
        None => "zhuqi".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn refused(args: &[&str], locale: &str) -> String {
        let e = Cli::try_parse_from(std::iter::once("zhuqi").chain(args.iter().copied()))
            .expect_err("the command line is refused");
        let words: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        usage_error(locale, &e, &words).expect("a refusal, not help")
    }

    #[test]
    fn a_wrong_word_is_named_with_what_would_be_right_in_the_operators_language() {
        let text = refused(&["import", "towns", "x.csv"], "zh-CN");
        assert!(text.contains("“towns”"), "{text}");
        assert!(text.contains("townships, departments"), "{text}");
        assert!(text.contains("您是不是要输入“townships”？"), "{text}");
        assert!(text.contains("zhuqi import --help"), "{text}");
        assert!(!text.contains("invalid value"), "{text}");

        let text = refused(&["expor"], "en");
        assert!(text.contains("There is no command \"expor\""), "{text}");
        assert!(text.contains("\"import\" or \"export\"?"), "{text}");
        assert!(text.contains("zhuqi --help"), "{text}");

        let text = refused(&["summary", "--nonsense"], "zh-CN");
        assert!(text.contains("“--nonsense”"), "{text}");
        assert!(text.contains("用法：zhuqi summary [OPTIONS]"), "{text}");
        assert!(text.contains("zhuqi summary --help"), "{text}");
    }

    #[test]
    fn what_is_missing_or_cannot_go_together_is_said() {
        let text = refused(&["import", "townships"], "zh-CN");
        assert!(text.contains("缺少") && text.contains("<FILE>"), "{text}");
        let text = refused(&["invite", "C1", "--department", "D1"], "en");
        assert!(text.contains("cannot be used with"), "{text}");
    }

    #[test]
    fn help_and_version_are_clap_s_own() {
        for args in [&["--help"][..], &["--version"], &["import", "--help"]] {
            let e = Cli::try_parse_from(std::iter::once("zhuqi").chain(args.iter().copied()))
                .expect_err("help is an early exit");
            assert!(usage_error("zh-CN", &e, &[]).is_none(), "{args:?}");
        }
    }
}
