//! Who may use which command: one table. The engine's permission check, `/help` and the
//! messenger's command menu are all read from it, so they cannot disagree.
//!
//! A person is of one or more *kinds*: each role they hold, and "department head" (负责人) when
//! the roster makes them the head of a department, whatever their roles.

use super::role::{Role, Roles};
use crate::i18n::{LOCALES, t};

/// A kind of person, as the table knows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Role(Role),
    /// The head (负责人) of at least one department.
    Head,
}

impl Kind {
    /// Every kind, in the order help shows them.
    pub const ALL: [Kind; 7] = [
        Kind::Role(Role::Cadre),
        Kind::Role(Role::Officer),
        Kind::Head,
        Kind::Role(Role::Township),
        Kind::Role(Role::Dispatcher),
        Kind::Role(Role::Leader),
        Kind::Role(Role::Admin),
    ];

    /// `cadre`, `officer`, `head`, …: the part of locale keys that names the kind.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Role(r) => r.code(),
            Kind::Head => "head",
        }
    }
}

/// What a person is, for the table: their roles, and whether they head a department.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who {
    pub roles: Roles,
    pub head: bool,
}

impl Who {
    pub fn new(roles: Roles, head: bool) -> Who {
        Who { roles, head }
    }

    pub fn is(&self, kind: Kind) -> bool {
        match kind {
            Kind::Role(r) => self.roles.has(r),
            Kind::Head => self.head,
        }
    }

    /// The person's kinds, in table order.
    pub fn kinds(&self) -> Vec<Kind> {
        Kind::ALL.into_iter().filter(|k| self.is(*k)).collect()
    }
}

/// A command the engine answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Report,
    My,
    Visit,
    Queue,
    Todo,
    Overdue,
    Summary,
    Assess,
    Export,
    Groups,
    People,
    Projects,
    Items,
    Measures,
    CasesOfNote,
    Inspect,
    Inspections,
    /// 听取汇报: a department head's cadres and their work.
    Team,
    /// A township person's (乡镇) cases.
    Township,
    Case,
    Help,
    Lang,
    Channel,
    Cancel,
    Start,
}

/// Who may use a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowed {
    Everyone,
    Only(&'static [Kind]),
}

const CADRE: Kind = Kind::Role(Role::Cadre);
const OFFICER: Kind = Kind::Role(Role::Officer);
const DISPATCHER: Kind = Kind::Role(Role::Dispatcher);
const LEADER: Kind = Kind::Role(Role::Leader);
const ADMIN: Kind = Kind::Role(Role::Admin);
const TOWNSHIP: Kind = Kind::Role(Role::Township);

/// The table, in the order menus and help show the commands.
pub const TABLE: [(Command, Allowed); 25] = [
    (Command::Report, Allowed::Only(&[CADRE])),
    (Command::My, Allowed::Only(&[CADRE])),
    (Command::Visit, Allowed::Only(&[CADRE])),
    (Command::Queue, Allowed::Only(&[DISPATCHER, ADMIN])),
    (Command::Todo, Allowed::Only(&[OFFICER, Kind::Head])),
    (
        Command::Overdue,
        Allowed::Only(&[Kind::Head, DISPATCHER, LEADER, ADMIN]),
    ),
    (
        Command::Summary,
        Allowed::Only(&[CADRE, OFFICER, TOWNSHIP, DISPATCHER, LEADER, ADMIN]),
    ),
    (Command::Assess, Allowed::Only(&[DISPATCHER, LEADER, ADMIN])),
    (Command::Export, Allowed::Only(&[DISPATCHER, LEADER, ADMIN])),
    (
        Command::Projects,
        Allowed::Only(&[CADRE, DISPATCHER, LEADER, ADMIN]),
    ),
    (Command::Team, Allowed::Only(&[Kind::Head])),
    (Command::Township, Allowed::Only(&[TOWNSHIP])),
    (Command::Groups, Allowed::Only(&[ADMIN])),
    (Command::People, Allowed::Only(&[ADMIN])),
    (Command::Items, Allowed::Everyone),
    (Command::Measures, Allowed::Only(&[LEADER])),
    (Command::CasesOfNote, Allowed::Everyone),
    (
        Command::Inspect,
        Allowed::Only(&[DISPATCHER, LEADER, ADMIN]),
    ),
    (
        Command::Inspections,
        Allowed::Only(&[OFFICER, Kind::Head, DISPATCHER, LEADER, ADMIN]),
    ),
    (Command::Case, Allowed::Everyone),
    (Command::Help, Allowed::Everyone),
    (Command::Lang, Allowed::Everyone),
    (Command::Channel, Allowed::Everyone),
    (Command::Cancel, Allowed::Everyone),
    (Command::Start, Allowed::Everyone),
];

/// The commands of the messenger's menu for people not yet bound (and the fallback for all).
pub const DEFAULT_MENU: [Command; 2] = [Command::Start, Command::Help];

impl Command {
    /// Every command, in table order.
    pub fn all() -> impl Iterator<Item = Command> {
        TABLE.iter().map(|(c, _)| *c)
    }

    /// The name typed after the slash.
    pub fn name(self) -> &'static str {
        match self {
            Command::Report => "report",
            Command::My => "my",
            Command::Visit => "visit",
            Command::Queue => "queue",
            Command::Todo => "todo",
            Command::Overdue => "overdue",
            Command::Summary => "summary",
            Command::Assess => "assess",
            Command::Export => "export",
            Command::Groups => "groups",
            Command::People => "people",
            Command::Projects => "projects",
            Command::Items => "items",
            Command::Measures => "measures",
            Command::CasesOfNote => "cases_of_note",
            Command::Inspect => "inspect",
            Command::Inspections => "inspections",
            Command::Team => "team",
            Command::Township => "township",
            Command::Case => "case",
            Command::Help => "help",
            Command::Lang => "lang",
            Command::Channel => "channel",
            Command::Cancel => "cancel",
            Command::Start => "start",
        }
    }

    /// Whether words after the command mean something to it (`/summary 上月`, `/case 42`);
    /// the others answer the same whatever follows them.
    pub fn takes_words(self) -> bool {
        !matches!(
            self,
            Command::My
                | Command::Queue
                | Command::Todo
                | Command::Overdue
                | Command::Groups
                | Command::Projects
                | Command::Measures
                | Command::Township
                | Command::Help
                | Command::Cancel
        )
    }

    /// The command a typed name means: its name, or another name people use for it.
    pub fn parse(name: &str) -> Option<Command> {
        match name {
            "new" => Some(Command::Report),
            "language" => Some(Command::Lang),
            _ => Command::all().find(|c| c.name() == name),
        }
    }

    /// The command among `candidates` that people call by `word` in either language (`/汇总`,
    /// `/mine`): the locale files' `bot-command-words-…` lists.
    pub fn named_by(word: &str, mut candidates: impl Iterator<Item = Command>) -> Option<Command> {
        let word = word.trim().to_lowercase();
        candidates.find(|c| c.words().any(|w| w == word))
    }

    /// The words people call the command by, in every language (lowercase).
    pub fn words(self) -> impl Iterator<Item = String> {
        let key = format!("bot-command-words-{}", self.name().replace('_', "-"));
        LOCALES.iter().flat_map(move |l| {
            t(l, &key)
                .split('|')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
        })
    }

    /// The command a mistyped name most likely meant, among `candidates`: a letter off, left
    /// out, added or two swapped (`/sumary`, `/reprot`), two for a longer name, or the start
    /// of a name (`/sum`). The closest wins; among equals, the first in table order.
    pub fn nearest(name: &str, candidates: impl Iterator<Item = Command>) -> Option<Command> {
        let typed: Vec<char> = name.chars().collect();
        if typed.len() < 2 {
            return None;
        }
        let allowed = if typed.len() <= 4 { 1 } else { 2 };
        candidates
            .filter_map(|c| {
                let distance = if c.name().starts_with(name) {
                    1
                } else {
                    typo_distance(&typed, &c.name().chars().collect::<Vec<_>>())
                };
                (distance <= allowed).then_some((distance, c))
            })
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, c)| c)
    }

    pub fn allowed(self) -> Allowed {
        TABLE
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, a)| *a)
            .unwrap_or(Allowed::Only(&[]))
    }

    /// May this person use the command?
    pub fn allows(self, who: &Who) -> bool {
        match self.allowed() {
            Allowed::Everyone => true,
            Allowed::Only(kinds) => kinds.iter().any(|k| who.is(*k)),
        }
    }

    /// The kinds that may use it; empty for a command for everyone.
    pub fn kinds(self) -> &'static [Kind] {
        match self.allowed() {
            Allowed::Everyone => &[],
            Allowed::Only(kinds) => kinds,
        }
    }
}

/// The commands a person may use, in table order.
pub fn commands_for(who: &Who) -> Vec<Command> {
    Command::all().filter(|c| c.allows(who)).collect()
}

/// The letters to change, leave out, add or swap with their neighbour to turn `a` into `b`.
fn typo_distance(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(roles: &[Role], head: bool) -> Who {
        Who::new(Roles::new(roles.iter().copied()), head)
    }

    #[test]
    fn every_command_is_in_the_table_once_and_parses_back() {
        let names: Vec<&str> = Command::all().map(Command::name).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        for c in Command::all() {
            assert_eq!(Command::parse(c.name()), Some(c));
        }
        assert_eq!(Command::parse("new"), Some(Command::Report));
        assert_eq!(Command::parse("nope"), None);
    }

    #[test]
    fn a_mistyped_command_is_matched_to_the_one_it_most_likely_meant() {
        let all = || Command::all();
        assert_eq!(Command::nearest("sumary", all()), Some(Command::Summary));
        assert_eq!(Command::nearest("reprot", all()), Some(Command::Report));
        assert_eq!(Command::nearest("sum", all()), Some(Command::Summary));
        assert_eq!(Command::nearest("cancle", all()), Some(Command::Cancel));
        assert_eq!(Command::nearest("helpp", all()), Some(Command::Help));
        assert_eq!(Command::nearest("frobnicate", all()), None);
        assert_eq!(Command::nearest("m", all()), None);
        // Only among the candidates: a cadre is not pointed to the assessment.
        let cadre = who(&[Role::Cadre], false);
        let mine = || Command::all().filter(|c| c.allows(&cadre));
        assert_eq!(Command::nearest("assess", mine()), None);
        assert_eq!(Command::nearest("asess", all()), Some(Command::Assess));
        // A word for the command, in either language.
        assert_eq!(Command::named_by("汇总", all()), Some(Command::Summary));
        assert_eq!(Command::named_by("Mine", all()), Some(Command::My));
        assert_eq!(Command::named_by("考核", mine()), None);
        assert_eq!(Command::named_by("汇", all()), None);
    }

    #[test]
    fn every_command_has_its_words_and_no_word_names_two() {
        let mut seen = std::collections::BTreeMap::new();
        for c in Command::all() {
            let key = format!("bot-command-words-{}", c.name().replace('_', "-"));
            for l in LOCALES {
                let words = t(l, &key);
                assert_ne!(words, key, "{l} has no {key}");
                for w in words.split('|').map(str::trim) {
                    assert!(Command::parse(w).is_none(), "{w} is a command's own name");
                    if let Some(other) = seen.insert(w.to_string(), c) {
                        assert_eq!(other, c, "{w} names two commands");
                    }
                }
            }
        }
    }

    #[test]
    fn the_disagreements_of_old_are_settled() {
        let admin = who(&[Role::Admin], false);
        assert!(Command::Export.allows(&admin));
        assert!(Command::Queue.allows(&admin));
        assert!(Command::Overdue.allows(&who(&[Role::Dispatcher], false)));
        let head = who(&[], true);
        assert!(Command::Todo.allows(&head));
        assert!(Command::Overdue.allows(&head));
        let cadre = who(&[Role::Cadre], false);
        assert!(!Command::Queue.allows(&cadre));
        assert!(!Command::Export.allows(&cadre));
        assert!(Command::Case.allows(&who(&[], false)));
    }
}
