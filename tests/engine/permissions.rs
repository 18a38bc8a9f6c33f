//! One permission table: `/help`, the permission check of every command and the command menu
//! are read from it, so for every kind of person and every command, help lists the command
//! exactly when the engine lets the person use it.

use super::*;
use zhuqi::conversation::refusal;
use zhuqi::domain::Role;
use zhuqi::domain::commands::{Command, Who as Kinds, commands_for};

/// One person of each kind: each role alone, a department head with no role, and a person with
/// no role at all.
struct Roster {
    db: TestDb,
    engine: Engine,
    clock: AtomicI64,
    people: Vec<(&'static str, Who, Kinds)>,
}

impl Roster {
    async fn new() -> Roster {
        let db = TestDb::new().await;
        let ids = County::new(&db.pool)
            .township("T1", "马召镇")
            .department("D1", "县交通运输局", &[Category::Transport])
            .department("D2", "县金融办", &[Category::Finance])
            .cadre("C1", "王建国")
            .officer("O1", "李科长", "D1")
            .dispatcher("S1", "赵主任")
            .leader("L1", "刘县长")
            .person("A1", "周管理", &[Role::Admin], None)
            .person("H1", "吴局长", &[], Some("D2"))
            .person("N1", "郑新人", &[], None)
            .head("D2", "H1")
            .enterprise("E1", "秦岭猕猴桃合作社", "T1", "C1")
            .build()
            .await;
        let kinds = |roles: &[Role], head: bool| {
            Kinds::new(zhuqi::domain::Roles::new(roles.iter().copied()), head)
        };
        let mut people = Vec::new();
        for (i, (code, roles, head)) in [
            ("C1", vec![Role::Cadre], false),
            ("O1", vec![Role::Officer], false),
            ("S1", vec![Role::Dispatcher], false),
            ("L1", vec![Role::Leader], false),
            ("A1", vec![Role::Admin], false),
            ("H1", vec![], true),
            ("N1", vec![], false),
        ]
        .into_iter()
        .enumerate()
        {
            let who = bind_account(&db.pool, ids.id(code), 3001 + i as i64).await;
            people.push((code, who, kinds(&roles, head)));
        }
        Roster {
            db,
            engine: engine(),
            clock: AtomicI64::new(0),
            people,
        }
    }

    async fn cmd(&self, who: Who, name: &str) -> Outcome {
        let start: DateTime<Utc> = "2026-11-27T02:00:00Z".parse().unwrap();
        let now = start + Duration::seconds(self.clock.fetch_add(60, Ordering::SeqCst));
        let mut tx = self.db.pool.begin().await.unwrap();
        let out = self
            .engine
            .handle(&mut tx, &input_for(who, command(name, "")), now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        out
    }
}

/// Whether a help text lists `/name` as a command of its own.
fn lists(help: &str, name: &str) -> bool {
    let needle = format!("/{name}");
    help.match_indices(&needle).any(|(i, _)| {
        let before = help[..i].chars().next_back();
        let after = help[i + needle.len()..].chars().next();
        before.is_none_or(char::is_whitespace) && after.is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

#[tokio::test]
async fn help_lists_a_command_exactly_when_the_check_lets_the_person_use_it() {
    let roster = Roster::new().await;
    for (code, who, kinds) in &roster.people {
        let help = joined(&roster.cmd(*who, "help").await);
        for command in Command::all() {
            let out = roster.cmd(*who, command.name()).await;
            let refused = joined(&out) == refusal(ZH, command);
            let listed = lists(&help, command.name());
            assert_eq!(
                listed,
                !refused,
                "{code}: /{} listed in help: {listed}, refused: {refused}\n{help}",
                command.name()
            );
            // And both are the table's answer.
            assert_eq!(listed, command.allows(kinds), "{code}: /{}", command.name());
        }
        // The menu the person gets is the same list, in the table's order.
        let menu: Vec<&str> = commands_for(kinds).iter().map(|c| c.name()).collect();
        let in_help: Vec<&str> = Command::all()
            .map(|c| c.name())
            .filter(|n| lists(&help, n))
            .collect();
        assert_eq!(menu, in_help, "{code}");
    }
}

#[tokio::test]
async fn the_old_disagreements_are_settled_by_the_table() {
    let roster = Roster::new().await;
    let who = |code: &str| roster.people.iter().find(|p| p.0 == code).unwrap().1;
    // Dispatchers and admins see the overdue list; admins may dispatch and export.
    for (code, command) in [
        ("S1", "overdue"),
        ("A1", "overdue"),
        ("A1", "queue"),
        ("A1", "export"),
    ] {
        let out = roster.cmd(who(code), command).await;
        assert_ne!(
            joined(&out),
            refusal(ZH, Command::parse(command).unwrap()),
            "{code} /{command}"
        );
    }
    let help = joined(&roster.cmd(who("A1"), "help").await);
    assert!(lists(&help, "queue") && lists(&help, "export"), "{help}");
    // A head without the officer role gets the departments' queue, not a refusal.
    let out = roster.cmd(who("H1"), "todo").await;
    has(&out, &tr(ZH, "bot-todo-empty", Args::new()));
    // A cadre is told who may use /queue.
    let out = roster.cmd(who("C1"), "queue").await;
    assert_eq!(joined(&out), refusal(ZH, Command::Queue));
    has(&out, &t(ZH, "role-dispatcher"));
}
