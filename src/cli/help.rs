//! The command line's help in the operator's language. The words of every command and argument
//! come from `locales/` (`cli-help-COMMAND[-SUBCOMMAND][--ARGUMENT]`), the headings too; the
//! doc comments on `Cli` are for the code's readers.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::{Args, plain};

/// Reads the process's command line with its help in `locale`. `zhuqi help [COMMAND…]` is
/// `zhuqi [COMMAND…] --help`.
pub fn read(locale: &str) -> Result<Cli, clap::Error> {
    read_from(locale, std::env::args_os())
}

fn read_from(
    locale: &str,
    words: impl IntoIterator<Item = impl Into<OsString> + Clone>,
) -> Result<Cli, clap::Error> {
    let matches = command(locale).try_get_matches_from(words)?;
    if let Some(("help", asked)) = matches.subcommand() {
        let path = asked.get_many::<String>("command").into_iter().flatten();
        let words = std::iter::once("zhuqi")
            .chain(path.map(String::as_str))
            .chain(std::iter::once("--help"));
        return match command(locale).try_get_matches_from(words) {
            Err(e) => Err(e),
            Ok(_) => Err(clap::Error::raw(
                ErrorKind::DisplayHelp,
                command(locale).render_help().to_string(),
            )),
        };
    }
    Cli::from_arg_matches(&matches)
}

/// `zhuqi`'s command line, its help in `locale`.
pub fn command(locale: &str) -> Command {
    let say = |key: &str| plain(locale, key, Args::new());
    let template = format!(
        "{{about}}\n\n{}{{usage}}\n\n{{all-args}}",
        say("cli-help-usage")
    );
    let root = Cli::command().disable_version_flag(true);
    localize(root, locale, "cli-help", &template)
        .subcommand(
            Command::new("help")
                .about(say("cli-help-help-command"))
                .help_template(template.clone())
                .disable_help_flag(true)
                .arg(
                    Arg::new("command")
                        .num_args(0..)
                        .value_name(say("cli-help-command"))
                        .help(say("cli-help-help-command--command"))
                        .help_heading(say("cli-help-arguments")),
                ),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(say("cli-help-version"))
                .help_heading(say("cli-help-options")),
        )
}

/// The key of a command's or an argument's words: `cli-help-invite-revoke`,
/// `cli-help-invite--days`.
fn key(command: &str, arg: Option<&str>) -> String {
    match arg {
        Some(arg) => format!("{command}--{arg}"),
        None => command.to_string(),
    }
}

/// `command` and its subcommands with the words of `locale` under the key `at`.
fn localize(command: Command, locale: &str, at: &str, template: &str) -> Command {
    let say = |key: &str| plain(locale, key, Args::new());
    let (arguments, options) = (say("cli-help-arguments"), say("cli-help-options"));
    let args: Vec<(String, bool)> = command
        .get_arguments()
        .filter(|a| a.get_id() != "version")
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut command = command
        .about(say(at))
        .long_about(None)
        .help_template(template.to_string())
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(say("cli-help-commands"))
        .subcommand_value_name(say("cli-help-command"));
    // Arguments first, in the order the command takes them, then the options, then help.
    let (positionals, flags): (Vec<_>, Vec<_>) = args.into_iter().partition(|(_, p)| *p);
    for (order, (id, positional)) in positionals.into_iter().chain(flags).enumerate() {
        let words = say(&key(at, Some(&id)));
        let heading = if positional { &arguments } else { &options };
        command = command.mut_arg(id, |a| {
            // The words say the default and the choices, in the operator's language.
            let a = a
                .help(words)
                .long_help(None)
                .help_heading(heading.clone())
                .display_order(order);
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    command = command.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(say("cli-help-help"))
            .help_heading(options)
            .display_order(usize::MAX),
    );
    for name in subcommands {
        let at = format!("{at}-{name}");
        command = command.mut_subcommand(name, |s| localize(s, locale, &at, template));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::I18N;
    use clap::Parser;

    /// Every key the help reads, command by command, for the tests.
    fn keys() -> Vec<String> {
        fn walk(command: &Command, at: &str, out: &mut Vec<String>) {
            out.push(key(at, None));
            for a in command.get_arguments() {
                out.push(key(at, Some(a.get_id().as_str())));
            }
            for s in command.get_subcommands() {
                walk(s, &format!("{at}-{}", s.get_name()), out);
            }
        }
        let mut out = vec![];
        walk(&Cli::command(), "cli-help", &mut out);
        out
    }

    #[test]
    fn every_command_and_argument_has_its_words_in_both_languages() {
        let keys = keys();
        assert!(keys.len() > 40, "{keys:?}");
        for locale in ["zh-CN", "en"] {
            for key in &keys {
                assert!(I18N.has(locale, key), "{locale}: {key}");
            }
        }
    }

    #[test]
    fn the_help_speaks_the_operators_language() {
        let mut zh = command("zh-CN");
        let help = zh.render_help().to_string();
        for words in [
            "cli-help",
            "cli-help-run",
            "cli-help-usage",
            "cli-help-commands",
        ] {
            let said = plain("zh-CN", words, Args::new());
            assert!(
                help.contains(said.trim_end_matches('：')),
                "{words}: {help}"
            );
        }
        for english in ["Usage", "Commands", "Options", "Print help"] {
            assert!(!help.contains(english), "{english}: {help}");
        }
        let mut invite = command("zh-CN");
        let invite = invite
            .find_subcommand_mut("invite")
            .expect("invite")
            .render_help()
            .to_string();
        let days = plain("zh-CN", "cli-help-invite--days", Args::new());
        assert!(invite.contains(&days), "{invite}");
        let heading = plain("zh-CN", "cli-help-arguments", Args::new());
        assert!(invite.contains(&heading), "{invite}");
        assert!(!invite.contains("Arguments"), "{invite}");
        let mut en = command("en");
        let help = en.render_help().to_string();
        assert!(
            help.contains(&plain("en", "cli-help-run", Args::new())),
            "{help}"
        );
    }

    #[test]
    fn the_localized_command_line_reads_what_the_plain_one_reads() {
        for words in [
            vec!["zhuqi", "invite", "C1", "--days", "3"],
            vec!["zhuqi", "summary", "--period", "上月", "--lang", "en"],
            vec!["zhuqi", "groups", "unbind", "-1001234567890"],
            vec!["zhuqi", "import", "people", "roster.csv"],
        ] {
            let localized = read_from("zh-CN", &words).unwrap_or_else(|e| panic!("{words:?}: {e}"));
            let plain = Cli::try_parse_from(&words).expect("plain");
            assert_eq!(format!("{localized:?}"), format!("{plain:?}"));
        }
        command("zh-CN").debug_assert();
        command("en").debug_assert();
    }

    #[test]
    fn help_before_a_command_is_that_command_s_help() {
        let shown = |words: &[&str]| {
            let e = read_from("zh-CN", words).expect_err("help is an early exit");
            (e.kind(), e.to_string())
        };
        let (kind, text) = shown(&["zhuqi", "help", "invite"]);
        assert_eq!(kind, ErrorKind::DisplayHelp);
        assert_eq!(text, shown(&["zhuqi", "invite", "--help"]).1);
        assert!(
            text.contains(&plain("zh-CN", "cli-help-invite", Args::new())),
            "{text}"
        );
        let (kind, text) = shown(&["zhuqi", "help"]);
        assert_eq!(kind, ErrorKind::DisplayHelp);
        assert!(
            text.contains(&plain("zh-CN", "cli-help-help-command", Args::new())),
            "{text}"
        );
        let (kind, _) = shown(&["zhuqi", "help", "nosuch"]);
        assert_eq!(kind, ErrorKind::InvalidSubcommand);
    }

    #[test]
    fn arguments_come_before_options_in_the_order_the_command_takes_them() {
        let mut zh = command("zh-CN");
        let import = zh
            .find_subcommand_mut("import")
            .expect("import")
            .render_help()
            .to_string();
        let at = |key: &str| {
            let words = plain("zh-CN", key, Args::new());
            import
                .find(&words)
                .unwrap_or_else(|| panic!("{key}: {import}"))
        };
        assert!(at("cli-help-arguments") < at("cli-help-import--kind"));
        assert!(at("cli-help-import--kind") < at("cli-help-import--file"));
        assert!(at("cli-help-import--file") < at("cli-help-options"));
        assert!(at("cli-help-options") < at("cli-help-help"));
    }
}
