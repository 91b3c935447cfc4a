//! Writes the printed documents with made-up data, for a person to look
//! at (`docs/`): `cargo run --example document_samples -- DIR [TRAINING_DATA_DIR]`.
//! With a seeded training database (`beder --training training seed`), the
//! receipt of its first registration and the report of its busiest day
//! too.

use beder::documents::Mission;
use beder::documents::annex1::{self, Subject};
use beder::i18n::{Lang, Localizer};
use beder::model::{
    AuthorityDocument, FullName, IdentityDocument, Representative, RepresentativeKind,
    WrittenApplication,
};
use chrono::NaiveDate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    let l = Localizer::new()?;
    let mission = Mission {
        name: "Қазақстан Республикасының Бас консулдығы".into(),
        country: "Germany".into(),
        city: "Frankfurt".into(),
        code: "DE-FRA".into(),
    };
    let representative = Representative {
        kind: RepresentativeKind::LegalRepresentative,
        name: FullName {
            surname: "Әбілқайырова".into(),
            name: "Гүлнұр".into(),
            patronymic: Some("Өмірзаққызы".into()),
        },
        identity_document: IdentityDocument {
            number: "N 0123456".into(),
            issue_date: date(2020, 2, 3)?,
            expiry_date: date(2030, 2, 2)?,
            issuing_authority: "ҚР ІІМ".into(),
        },
        authority_document: AuthorityDocument {
            title: "Туу туралы куәлік".into(),
            number: "I-ҚҒ 778899".into(),
            issue_date: date(2013, 5, 6)?,
            issuing_authority: "АХАЖ Алматы".into(),
        },
        written_application: WrittenApplication {
            received: false,
            date: date(2026, 12, 3)?,
            number: None,
            scan: None,
            printed_form: None,
        },
    };
    let child = Subject {
        name: FullName {
            surname: "Әбілқайыров".into(),
            name: "Нұрсұлтан".into(),
            patronymic: None,
        },
        birth_date: date(2013, 4, 30)?,
    };
    for lang in [Lang::Kk, Lang::Ru] {
        let (pdf, _) = annex1::application(
            &l,
            lang,
            &mission,
            &representative,
            &child,
            date(2026, 12, 3)?,
        )?;
        std::fs::write(format!("{dir}/annex1-{}.pdf", lang.code()), pdf)?;
    }
    if let Some(data) = std::env::args().nth(2) {
        use beder::documents::{day_report, receipt};
        use beder::model::Registry;
        use beder::store::{Mode, RegistrationId, Store};
        let mut store = Store::open(
            std::path::Path::new(&data),
            Mode::Training,
            beder::enrollment::office::TRAINING_PASSPHRASE,
        )?;
        let id = RegistrationId {
            registry: Registry::Citizen,
            id: 1,
        };
        let registration = store.load_registration(1, id)?;
        let pdf = receipt::receipt(
            &l,
            Lang::Ru,
            &mission,
            receipt::ReceiptOf::Registration(&registration),
        )?;
        std::fs::write(format!("{dir}/receipt-ru.pdf"), pdf)?;
        let day = registration.registered_on;
        let summary = store.day_summary(day)?;
        let cases = store.day_cases(day)?;
        let pdf = day_report::report(
            &l,
            Lang::Kk,
            &mission,
            day,
            &summary,
            &cases,
            "Оқу Қызметкер",
        )?;
        std::fs::write(format!("{dir}/day-report-kk.pdf"), pdf)?;
    }
    Ok(())
}
