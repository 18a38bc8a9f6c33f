//! Invite codes: single use, expiry, and department groups.

use super::*;
use zhuqi::store::invites;

#[tokio::test]
async fn an_invite_code_works_once_until_it_expires() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let mut conn = db.pool.acquire().await.unwrap();
    let now = at("2026-11-02 01:00");
    let made = make_invite(&mut conn, &InviteFor::Person("C1".into()), 7, now)
        .await
        .unwrap();
    assert_eq!(made.expires_at, now + Duration::days(7));
    assert_eq!(made.target_code, "C1");
    let person: i64 = sqlx::query_scalar("select id from people where code = 'C1'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(made.target, InviteTarget::Person(person));

    // Typed sloppily: lower case, spaces and a dash.
    let typed = format!(" {}-{} ", &made.code[..4].to_lowercase(), &made.code[4..]);
    let target = invites::redeem(&mut conn, &typed, 4242, now + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(target, InviteTarget::Person(person));
    let again = invites::redeem(&mut conn, &made.code, 4343, now + Duration::hours(2)).await;
    assert!(matches!(again, Err(InviteError::Used)), "{again:?}");
    let used_by: Option<i64> = sqlx::query_scalar("select used_by from invites where code = $1")
        .bind(&made.code)
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(used_by, Some(4242), "the first use stands");

    let late = make_invite(&mut conn, &InviteFor::Person(person.to_string()), 1, now)
        .await
        .unwrap();
    let expired = invites::redeem(&mut conn, &late.code, 1, now + Duration::days(1)).await;
    assert!(matches!(expired, Err(InviteError::Expired)), "{expired:?}");
    let just_in_time = invites::redeem(
        &mut conn,
        &late.code,
        1,
        now + Duration::days(1) - Duration::seconds(1),
    )
    .await;
    assert!(just_in_time.is_ok());

    let unknown = invites::redeem(&mut conn, "NOSUCH99", 1, now).await;
    assert!(matches!(unknown, Err(InviteError::Unknown)), "{unknown:?}");
    let empty = invites::redeem(&mut conn, "  ", 1, now).await;
    assert!(matches!(empty, Err(InviteError::Unknown)), "{empty:?}");
}

#[tokio::test]
async fn a_department_invite_binds_a_group_and_unknown_targets_are_explained() {
    let db = TestDb::new().await;
    import_roster(&db.pool, |k| english(k).to_string()).await;
    let mut conn = db.pool.acquire().await.unwrap();
    let now = at("2026-11-02 01:00");
    let made = make_invite(&mut conn, &InviteFor::Department("JRB".into()), 3, now)
        .await
        .unwrap();
    let department: i64 = sqlx::query_scalar("select id from departments where code = 'JRB'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        invites::redeem(&mut conn, &made.code, -100123, now)
            .await
            .unwrap(),
        InviteTarget::Department(department)
    );

    let settings = Settings::default();
    let lines = zhuqi::roster::invite_lines(&settings, "zh-CN", &made);
    assert_eq!(
        lines[0],
        tr(
            "zh-CN",
            "cli-invite-code",
            Args::new().str("code", &made.code)
        )
    );
    assert_eq!(
        lines[1],
        tr(
            "zh-CN",
            "cli-invite-for-department",
            Args::new()
                .str("name", "县金融工作服务中心")
                .str("target", "JRB")
                .str("expires", "2026-11-05 09:00")
                .str("code", &made.code)
        )
    );

    let nobody = make_invite(&mut conn, &InviteFor::Person("NOBODY".into()), 7, now).await;
    let Err(err @ InviteCliError::UnknownPerson(_)) = nobody else {
        panic!("{nobody:?}")
    };
    for locale in ["zh-CN", "en"] {
        assert_eq!(
            err.message(locale),
            tr(
                locale,
                "cli-invite-unknown-person",
                Args::new().str("person", "NOBODY")
            )
        );
    }
    let no_department = make_invite(&mut conn, &InviteFor::Department("XX".into()), 7, now).await;
    assert!(matches!(no_department, Err(InviteCliError::UnknownDepartment(ref d)) if d == "XX"));
    let no_days = make_invite(&mut conn, &InviteFor::Person("C1".into()), 0, now).await;
    assert!(matches!(no_days, Err(InviteCliError::BadDays)));
    let count: i64 = sqlx::query_scalar("select count(*) from invites")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(count, 1, "refused invites leave no row");
}
