//! The help text, the refusal of a command, and the command menu: all three read from the one
//! permission table (`domain::commands`), so what `/help` lists, what the menu offers and what
//! the engine allows are the same. Help is shown by `/help` and with the welcome when an
//! account is bound.
//!
//! ```text
//! 王建国:  /help
//! bot:     王建国，您好。您可以：
//!          【助企干部】/report 反映企业问题（也可直接发送问题描述）……
//!          【通用】/case 编号 查看事项 · /lang 切换语言 · /cancel 退出当前操作
//! 王建国:  /queue
//! bot:     这个命令仅供活动办、管理员使用。发送 /help 查看您可以做什么。
//! ```

use crate::domain::Roles;
use crate::domain::commands::{Command, DEFAULT_MENU, Kind, Who, commands_for};
use crate::i18n::{Args, t, tr};
use crate::message::MenuCommand;

/// The names of the roles a person holds, joined for a sentence.
pub(crate) fn role_names(locale: &str, roles: &Roles) -> String {
    let names: Vec<String> = roles
        .iter()
        .map(|r| t(locale, &format!("role-{}", r.code())))
        .collect();
    if names.is_empty() {
        t(locale, "bot-no-role")
    } else {
        names.join(&t(locale, "bot-list-separator"))
    }
}

/// A kind's name: the role's, or "department head".
fn kind_name(locale: &str, kind: Kind) -> String {
    match kind {
        Kind::Role(r) => t(locale, &format!("role-{}", r.code())),
        Kind::Head => t(locale, "menus-kind-head"),
    }
}

/// The help line of a command (it starts with the command itself).
fn help_line(locale: &str, command: Command) -> String {
    t(locale, &format!("menus-help-{}", command.name()))
}

/// The help text for a person: under each of their kinds, the commands that kind brings
/// (each command once, under the first kind that has it), then the commands for everyone.
pub(crate) fn render(locale: &str, name: &str, who: &Who) -> String {
    let mut parts = vec![tr(locale, "bot-help-intro", Args::new().str("name", name))];
    let mut listed: Vec<Command> = Vec::new();
    for kind in who.kinds() {
        let mut lines = vec![tr(
            locale,
            "menus-help-heading",
            Args::new().str("name", kind_name(locale, kind)),
        )];
        for command in Command::all() {
            if command.kinds().contains(&kind) && !listed.contains(&command) {
                listed.push(command);
                lines.push(help_line(locale, command));
            }
        }
        lines.push(t(locale, &format!("menus-note-{}", kind.code())));
        parts.push(lines.join("\n"));
    }
    if who.kinds().is_empty() {
        parts.push(t(locale, "bot-help-no-role"));
    }
    let mut everyone = vec![t(locale, "bot-help-everyone")];
    everyone.extend(
        Command::all()
            .filter(|c| c.kinds().is_empty())
            .map(|c| help_line(locale, c)),
    );
    everyone.push(t(locale, "bot-help-said"));
    parts.push(everyone.join("\n"));
    parts.join("\n\n")
}

/// What a person is told when the table does not let them use a command: who may.
pub fn refusal(locale: &str, command: Command) -> String {
    let names: Vec<String> = command
        .kinds()
        .iter()
        .map(|k| kind_name(locale, *k))
        .collect();
    tr(
        locale,
        "menus-not-for-you",
        Args::new()
            .str("command", command.name())
            .str("kinds", names.join(&t(locale, "bot-list-separator"))),
    )
}

fn entries(locale: &str, commands: impl IntoIterator<Item = Command>) -> Vec<MenuCommand> {
    commands
        .into_iter()
        .map(|c| MenuCommand {
            name: c.name().to_string(),
            description: t(locale, &format!("bot-cmd-{}", c.name())),
        })
        .collect()
}

/// A person's command menu in their language: the commands their kinds may use.
pub(crate) fn menu(locale: &str, who: &Who) -> Vec<MenuCommand> {
    entries(locale, commands_for(who))
}

/// The menu of chats with no person of the roster behind them yet.
pub fn default_menu(locale: &str) -> Vec<MenuCommand> {
    entries(locale, DEFAULT_MENU)
}

/// The menu as one line (language and names), to tell whether a menu changed.
pub(crate) fn fingerprint(locale: &str, menu: &[MenuCommand]) -> String {
    let names: Vec<&str> = menu.iter().map(|c| c.name.as_str()).collect();
    format!("{locale}:{}", names.join(","))
}
