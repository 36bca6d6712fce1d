//! Deadline reminders, 30 and 7 days before: each person's goes once, whichever
//! of two instances runs the day, restarts included; the clock is moved, not waited for.
use crate::helpers::{on_both_databases, wait_until, TestApp};
use crate::photos::family_of_signed_in;
use crate::sign_in::{browser, signed_in};
use chrono::{DateTime, NaiveDate, Utc};
use portal::applicants::reminders::run_daily;
use portal::entities::{address, outbox_message, photo};
use portal::mail::templates::REMINDER_SUBJECT;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

fn on(day: &str) -> DateTime<Utc> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().and_hms_opt(9, 0, 0).unwrap().and_utc()
}

/// The same day's run from two instances at once (each with its own connections): how many each queued.
async fn two_instances(app: &TestApp, day: &str) -> Vec<Option<u64>> {
    let other = portal::db::connect(&app.settings).await.unwrap();
    let url = app.settings.site.public_url.clone();
    let (a, b) = tokio::join!(run_daily(&app.db, on(day), &url), run_daily(&other, on(day), &url));
    let mut runs = vec![a.unwrap(), b.unwrap()];
    runs.sort();
    runs
}

async fn reminders_sent(app: &TestApp) -> u64 {
    outbox_message::Entity::find().filter(outbox_message::Column::Subject.eq(REMINDER_SUBJECT)).count(&app.db).await.unwrap()
}

on_both_databases! {
    in parallel: async fn each_reminder_goes_once_whichever_instance_runs_the_day(app) {
        let client = browser();
        signed_in(&app, &client).await;
        // Approved 2026-11-20: the deadline is 2027-05-19.
        let (own, _child) = family_of_signed_in(&app).await;

        assert_eq!(two_instances(&app, "2027-04-18").await, [None, Some(0)], "31 days before: nothing yet");
        assert_eq!(two_instances(&app, "2027-04-19").await, [None, Some(2)], "30 days before: both people, once");
        assert_eq!(reminders_sent(&app).await, 2);
        assert_eq!(two_instances(&app, "2027-04-20").await, [None, Some(0)], "the next day, nothing again");

        // Her photo and address are given: only her child is reminded at 7 days.
        address::ActiveModel {
            person_id: Set(own), street: Set("290 Bremner Blvd".into()), unit: Set(None), city: Set("Toronto".into()),
            province: Set("ON".into()), postal_code: Set("M5V 3L9".into()), care_of: Set(None), given_at: Set(Utc::now()),
            given_by: Set(1), ..Default::default()
        }.insert(&app.db).await.unwrap();
        photo::ActiveModel {
            person_id: Set(own), sent_by: Set(1), jpeg: Set(vec![0xFF, 0xD8]), width: Set(715), height: Set(1000),
            report: Set("{}".into()), verdict: Set("pass".into()), sent_anyway: Set(false), received_at: Set(Utc::now()),
            view_key: Set("k".repeat(32)), ..Default::default()
        }.insert(&app.db).await.unwrap();
        assert_eq!(two_instances(&app, "2027-05-12").await, [None, Some(1)]);
        // A restart the same day runs nothing again; a missed day is caught up the next.
        assert_eq!(run_daily(&app.db, on("2027-05-12"), "http://x").await.unwrap(), None);
        assert_eq!(two_instances(&app, "2027-05-13").await, [None, Some(0)]);
        assert_eq!(reminders_sent(&app).await, 3);

        let sent = outbox_message::Entity::find().filter(outbox_message::Column::Subject.eq(REMINDER_SUBJECT)).all(&app.db).await.unwrap();
        assert!(sent.iter().all(|m| m.recipient == "mai.nguyen@example.com"), "the principal completes both");
        // As the person reads it (the outbox keeps no body once sent).
        wait_until("the reminders are sent", || async {
            outbox_message::Entity::find().filter(outbox_message::Column::SentAt.is_null()).count(&app.db).await.unwrap() == 0
        })
        .await;
        let page = app.get("/dev/outbox").await.text().await.unwrap();
        assert!(page.contains("by May 19, 2027: 30 days from today"), "{page}");
        assert!(page.contains("le 19 mai 2027, soit dans 30 jours"), "{page}");
    }
}
