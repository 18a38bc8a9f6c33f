//! A township person (乡镇) through Telegram and the fake Bot API: bound with an invite code
//! like everyone else, with the township's commands in their menu; `/township` lists their
//! township's cases and no other's, and `/case` of another township's case is refused.

use super::*;
use support::world;
use zhuqi::domain::CaseStatus;
use zhuqi::store::invites::InviteTarget;

const ZH: &str = "zh-CN";

#[tokio::test]
async fn a_township_person_binds_and_sees_their_townships_cases_and_not_anothers_through_telegram()
{
    let db = TestDb::new().await;
    let pool = &db.pool;
    let ids = world::two_townships(pool)
        .township_person("TP1", "马镇长", "T1")
        .build()
        .await;
    let cast = |cadre: &str| world::two_townships_cast(&ids, cadre);
    let ours = world::case_in(pool, cast("C1"), ids.id("E1"), CaseStatus::Accepted).await;
    let theirs = world::case_in(pool, cast("C2"), ids.id("E2"), CaseStatus::Accepted).await;
    let code = world::invite(pool, InviteTarget::Person(ids.id("TP1"))).await;
    let bot = TestBot::start(pool).await;
    let ma = bot.user(5101);

    // Bound with the invite, as a township person, with the township's commands.
    bot.api.push_text(&ma, &format!("/start {code}"));
    bot.api
        .wait_for_text(5101, &welcome("马镇长", "township"))
        .await;
    bot.api
        .wait_for("the township's menu", WAIT, |_| {
            bot.api.chat_menu(5101).is_some_and(|m| {
                let names: Vec<&str> = m.iter().map(|(n, _)| n.as_str()).collect();
                names.contains(&"township")
                    && names.contains(&"summary")
                    && !names.contains(&"report")
            })
        })
        .await;

    // The list holds their township's case only.
    bot.api.push_text(&ma, "/township");
    let list = bot.api.wait_for_text_containing(5101, "马召镇").await;
    assert!(list.contains(&ours.number), "{list}");
    assert!(!list.contains(&theirs.number), "{list}");

    // Another township's case is not found; their own opens.
    bot.api.push_text(&ma, &format!("/case {}", theirs.number));
    bot.api
        .wait_for_text(5101, &t(ZH, "bot-case-not-found"))
        .await;
    bot.api.push_text(&ma, &format!("/case {}", ours.number));
    bot.api
        .wait_for_text_containing(5101, "秦岭猕猴桃合作社")
        .await;
    let seen = bot.api.texts_to(5101).join("\n");
    assert!(!seen.contains("青岚茶厂"), "{seen}");

    // A command of another kind of person is refused with who may use it.
    bot.api.push_text(&ma, "/todo");
    bot.api
        .wait_for_text(
            5101,
            &zhuqi::conversation::refusal(ZH, zhuqi::domain::commands::Command::Todo),
        )
        .await;
}
