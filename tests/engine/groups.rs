//! Group chats in the engine: what a group's notice carries (everyone in the group reads it),
//! `/groups` for admins, and a group the bot was removed from getting nothing more.

use super::*;
use zhuqi::domain::Role;
use zhuqi::store::{departments, group_chats};

const GROUP: i64 = -100_777;

async fn bind_group(w: &World) {
    let mut conn = w.pool().acquire().await.unwrap();
    let code = invites::create(
        &mut conn,
        InviteTarget::Department(w.transport_dept),
        w.now(),
        Duration::days(7),
    )
    .await
    .unwrap();
    drop(conn);
    let out = w
        .send_from(
            w.officer.user,
            GROUP,
            ChatKind::Group,
            command("bind", &code),
        )
        .await;
    has(
        &out,
        &tr(
            ZH,
            "bot-group-bound",
            Args::new().str("department", "县交通运输局"),
        ),
    );
}

/// Texts queued for the group chat, oldest first.
async fn group_texts(w: &World) -> Vec<String> {
    sqlx::query_scalar(
        "select o.body->>'text' from outbox o join group_chats g on g.id = o.group_chat_id \
         where g.chat_id = $1 order by o.id",
    )
    .bind(GROUP)
    .fetch_all(w.pool())
    .await
    .unwrap()
}

async fn dispatch_a_case(w: &World) -> String {
    w.report_dispatched("厂区门前道路破损，货车进出困难", "simple")
        .await
}

#[tokio::test]
async fn a_groups_notice_carries_what_the_department_needs_and_not_the_enterprise_or_the_problem() {
    let w = World::new().await;
    bind_group(&w).await;
    let number = dispatch_a_case(&w).await;
    let texts = group_texts(&w).await;
    assert_eq!(texts.len(), 1, "{texts:?}");
    let text = &texts[0];
    for expected in [
        tr(
            ZH,
            "bot-group-notice-dispatched",
            Args::new().str("number", &number),
        ),
        tr(
            ZH,
            "bot-group-card-township",
            Args::new().str("township", "马召镇"),
        ),
        tr(
            ZH,
            "bot-group-card-private",
            Args::new().str("number", &number),
        ),
        "县交通运输局".to_string(),
        "李科长".to_string(),
    ] {
        assert!(text.contains(&expected), "{expected:?} not in {text:?}");
    }
    for secret in ["秦岭猕猴桃合作社", "厂区门前道路破损", "王建国"] {
        assert!(
            !text.contains(secret),
            "{secret:?} shown to the group: {text}"
        );
    }
    // The officer, in private, still gets the whole card.
    let private = w.outbox(w.officer, "case_dispatched").await;
    assert!(private[0].text.contains("秦岭猕猴桃合作社"));
    assert!(private[0].text.contains("厂区门前道路破损"));
}

#[tokio::test]
async fn only_admins_list_the_bound_groups_with_their_titles() {
    let w = World::new().await;
    let admin = County::new(w.pool())
        .person("A1", "周管理", &[Role::Admin], None)
        .build()
        .await
        .id("A1");
    let admin = bind_account(w.pool(), admin, 1009).await;
    let mut conn = w.pool().acquire().await.unwrap();
    departments::bind_group(
        &mut conn,
        "telegram",
        GROUP,
        w.transport_dept,
        Some("交通局<工作群>"),
        w.now(),
    )
    .await
    .unwrap();
    drop(conn);

    // Who may is the permission table's answer, as for every command.
    let out = w.cmd(w.officer, "groups", "").await;
    assert_eq!(
        joined(&out),
        zhuqi::conversation::refusal(ZH, zhuqi::domain::commands::Command::Groups)
    );
    let out = w.cmd(admin, "groups", "").await;
    let text = joined(&out);
    assert!(text.starts_with(&tr(ZH, "bot-groups-title", Args::new().num("count", 1.0))));
    // The title is the group's own words: escaped like any user text.
    assert!(text.contains("交通局&lt;工作群&gt;"), "{text}");
    assert!(text.contains("县交通运输局") && text.contains(&GROUP.to_string()));

    let mut conn = w.pool().acquire().await.unwrap();
    group_chats::end_chat(&mut conn, None, GROUP, "test", w.now())
        .await
        .unwrap();
    drop(conn);
    let out = w.cmd(admin, "groups", "").await;
    assert_eq!(joined(&out), t(ZH, "bot-groups-none"));
}

#[tokio::test]
async fn a_group_the_bot_was_removed_from_is_told_nothing_more() {
    let w = World::new().await;
    bind_group(&w).await;
    // Anyone in the group may remove the bot; the messenger tells it, with no person behind it.
    let out = w
        .send_from(9999, GROUP, ChatKind::Group, InputKind::RemovedFromGroup)
        .await;
    assert!(out.replies.is_empty());
    let audit: Vec<(Option<i64>, String, String)> =
        sqlx::query_as("select actor_person_id, source, action from audit_log order by id")
            .fetch_all(w.pool())
            .await
            .unwrap();
    assert_eq!(
        audit,
        [
            (Some(w.officer.id), "telegram".into(), "group bind".into()),
            (None, "telegram".into(), "group removed".into()),
        ]
    );
    dispatch_a_case(&w).await;
    assert!(group_texts(&w).await.is_empty());
    // Told again (Telegram may repeat itself), nothing more happens.
    w.send_from(9999, GROUP, ChatKind::Group, InputKind::RemovedFromGroup)
        .await;
    assert_eq!(w.count("select count(*) from audit_log").await, 2);
}
