use crate::helpers::{on_both_databases, TestApp};
use app::domain::{CaseId, CaseOutcome, ErrorKey, FieldError, RawCase, Role, RowResult, Stage, Unreadable, UserId, Viewer};
use app::error::AppError;
use app::api::ports::Casework;
use portal::casework::desk::CaseDesk;
use portal::entities::{case, invitation, person};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::Arc;

fn desk(app: &TestApp) -> CaseDesk {
    CaseDesk { db: app.db.clone(), settings: Arc::new(app.settings.clone()) }
}

fn viewer(role: Role) -> Viewer {
    Viewer {
        user_id: UserId(1),
        name: "Amélie Dupuis".into(),
        email: "amelie@ircc.example.ca".into(),
        role,
        stage: Stage::Active,
        idle_timeout_minutes: 20,
        idle_warning_minutes: 3,
        uses_authenticator: false,
    }
}

const HEADER: &str = "application_number,approved_on,family_name,given_names,date_of_birth,sex,country_of_birth,citizenship,uci,email,relationship";

on_both_databases! {
    async fn an_import_stores_each_application_whole_or_not_at_all(app) {
        let csv = format!(
            "{HEADER}\n\
             E000000001,2026-11-20,Roy,Ana,1990-01-01,F,CAN,FRA,11112222,ana@example.com,principal\n\
             E000000002,2026-11-20,Li,Wei,1980-01-01,M,CHN,CHN,33334444,wei@example.com,principal\n\
             E000000001,2026-11-20,Roy,Léo,2015-01-01,M,CAN,FRA,55556666,,child\n\
             E000000002,2026-11-20,Li,Min,2012-05-05,F,CHN,CHN,77,,child\n"
        );
        let officer = viewer(Role::Officer);
        let report = desk(&app).import(&officer, &csv).await.unwrap();
        assert_eq!(report.unreadable, None);
        let results: Vec<(u32, RowResult)> = report.rows.iter().map(|r| (r.line, r.result.clone())).collect();
        assert_eq!(
            results,
            vec![
                (2, RowResult::Imported),
                (3, RowResult::Rejected(vec![])),
                (4, RowResult::Imported),
                (5, RowResult::Rejected(vec![FieldError::new("uci", ErrorKey::UciInvalid)])),
            ]
        );
        let cases = case::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(cases.len(), 1, "the rejected application left nothing behind");
        assert_eq!(cases[0].source, case::Source::Csv);
        assert_eq!(person::Entity::find().all(&app.db).await.unwrap().len(), 2);

        // Importing the same file again: known, nothing doubled.
        let again = desk(&app).import(&officer, &csv).await.unwrap();
        assert_eq!(again.rows[0].result, RowResult::AlreadyKnown);
        assert_eq!(case::Entity::find().all(&app.db).await.unwrap().len(), 1);

        let unreadable = desk(&app).import(&officer, "name;uci\nAna;1").await.unwrap();
        assert!(matches!(unreadable.unreadable, Some(Unreadable::MissingColumns(_))), "{unreadable:?}");
        assert_eq!(desk(&app).import(&viewer(Role::Applicant), &csv).await, Err(AppError::Forbidden));
    }
}

on_both_databases! {
    async fn a_new_invitation_kills_the_old_link(app) {
        let officer = viewer(Role::Administrator);
        let raw: RawCase = serde_json::from_value(crate::cases_api::family("E001234567", "mai@example.com")).unwrap();
        let created = desk(&app).create(&officer, &raw).await.unwrap();
        assert_eq!(created, CaseOutcome::Created { application_number: "E001234567".into() });
        let case = case::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert_eq!(case.source, case::Source::Form);

        assert!(desk(&app).resend(&officer, CaseId(case.id)).await.unwrap());
        let invitations = invitation::Entity::find().filter(invitation::Column::CaseId.eq(case.id)).all(&app.db).await.unwrap();
        assert_eq!(invitations.len(), 2);
        assert!(invitations[0].revoked_at.is_some() && invitations[1].revoked_at.is_none());
        assert!(!desk(&app).resend(&officer, CaseId(999_999)).await.unwrap());
        assert_eq!(desk(&app).resend(&viewer(Role::Applicant), CaseId(case.id)).await, Err(AppError::Forbidden));

        let mut bad = raw.clone();
        bad.people[0].sex = "Q".into();
        let CaseOutcome::Invalid(errors) = desk(&app).create(&officer, &bad).await.unwrap() else { panic!("invalid") };
        assert_eq!(errors, vec![FieldError::new("people[0].sex", ErrorKey::SexInvalid)]);
    }
}

on_both_databases! {
    async fn the_case_list_comes_a_page_at_a_time(app) {
        let rows: String = (1..=120)
            .map(|n| format!("E{n:09},2026-11-20,Roy,Ana,1990-01-01,F,CAN,FRA,{:08},ana{n}@example.com,principal\n", 10_000_000 + n))
            .collect();
        let officer = viewer(Role::Officer);
        let report = desk(&app).import(&officer, &format!("{HEADER}\n{rows}")).await.unwrap();
        assert_eq!(report.unreadable, None);
        let first = desk(&app).cases(&officer, 1, "").await.unwrap();
        assert_eq!((first.cases.len(), first.page, first.pages), (50, 1, 3));
        assert_eq!(first.cases[0].application_number, "E000000120", "newest first");
        assert_eq!(first.cases[0].people, 1);
        let last = desk(&app).cases(&officer, 3, "").await.unwrap();
        assert_eq!(last.cases.len(), 20);
        assert_eq!(last.cases[19].application_number, "E000000001");
        assert_eq!(desk(&app).cases(&officer, 99, "").await.unwrap().page, 3, "past the end: the last page");
        assert_eq!(desk(&app).cases(&officer, 0, "").await.unwrap().page, 1);
        assert_eq!(desk(&app).cases(&viewer(Role::Applicant), 1, "").await.unwrap_err(), AppError::Forbidden);
    }
}

on_both_databases! {
    async fn officers_find_a_case_by_number_uci_name_or_email_whatever_the_accents(app) {
        let rows = [
            "E000000001,2026-11-20,Nguyễn,Thị Mai,1987-07-02,F,VNM,VNM,33444455,mai.nguyen@example.com,principal",
            "E000000002,2026-11-20,Rodríguez-Ñúñez Oyelaran-Kowalczyk,Maria-Fernanda de los Ángeles,1990-01-01,F,MEX,MEX,12345678,maria@example.com,principal",
            "E000000003,2026-11-20,Roy,Ana,1990-01-01,F,CAN,FRA,87654321,ana_roy@example.com,principal",
        ];
        let officer = viewer(Role::Officer);
        let report = desk(&app).import(&officer, &format!("{HEADER}\n{}\n", rows.join("\n"))).await.unwrap();
        assert_eq!(report.unreadable, None);
        let found = |query: &'static str| {
            let app = &app;
            let officer = officer.clone();
            async move {
                let page = desk(app).cases(&officer, 1, query).await.unwrap();
                page.cases.into_iter().map(|c| c.application_number).collect::<Vec<_>>()
            }
        };
        for (query, expected) in [
            ("nguyen", vec!["E000000001"]),
            ("  NGUYỄN   thi ", vec!["E000000001"]),
            ("mai nguyen", vec!["E000000001"]),
            ("angeles nunez", vec!["E000000002"]),
            ("e000000003", vec!["E000000003"]),
            ("8765-4321", vec!["E000000003"]),
            ("MARIA@EXAMPLE.COM", vec!["E000000002"]),
            ("ana_roy", vec!["E000000003"]),
            ("%", vec![]),
            ("_", vec!["E000000003"]),
            ("nguyen roy", vec![]),
            ("", vec!["E000000003", "E000000002", "E000000001"]),
        ] {
            assert_eq!(found(query).await, expected, "{query:?}");
        }
    }
}
