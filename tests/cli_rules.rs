//! The real `beder` binary on JSON cases, good and malformed.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn beder(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_beder"))
        .args(args)
        .env_remove("BEDER_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start beder: {e}"));
    if let Some(mut input) = child.stdin.take() {
        // A command that exits before reading may close the pipe: not an error here.
        let _ = input.write_all(stdin.as_bytes());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("beder did not finish: {e}"))
}

fn decide(json: &str) -> Value {
    let out = beder(&["rules", "decide"], json);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{json}\nstderr: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "one line of JSON: {stdout}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

/// (input, outcome, grounds, requires, age)
type DecideRow = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    u64,
);

#[test]
#[expect(clippy::too_many_lines, reason = "a table of cases, one row each")]
fn decides_cases_from_json() {
    let table: &[DecideRow] = &[
        (
            r#"{"applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-11-25","service":"passport_first_issue"}"#,
            "collect",
            &["3.1"],
            &["consent"],
            41,
        ),
        (
            r#"{"applicant":"citizen","birth_date":"2012-11-25","application_date":"2026-11-25","service":"passport_replacement","previously_registered":true}"#,
            "collect",
            &["3.1"],
            &[
                "consent",
                "legal_representative",
                "written_application",
                "verification",
            ],
            14,
        ),
        (
            r#"{"applicant":"citizen","birth_date":"1960-01-01","application_date":"2026-11-25","service":"passport_restoration","declared_incapable":true}"#,
            "collect",
            &["3.1"],
            &["consent", "guardian", "written_application"],
            66,
        ),
        (
            r#"{"applicant":"citizen","birth_date":"2016-06-01","application_date":"2026-11-25","service":"passport_first_issue"}"#,
            "exempt",
            &["4.1"],
            &[],
            10,
        ),
        (
            r#"{"applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-11-25","service":"passport_other"}"#,
            "not_subject",
            &["3.1"],
            &[],
            41,
        ),
        (
            r#"{"applicant":"foreigner","birth_date":"1975-05-05","application_date":"2026-11-25","service":"visa","reciprocity":true,"exemption_category":"diplomatic_courier","passport_kind":"diplomatic","courier_sheet":true}"#,
            "exempt",
            &["4.2"],
            &[],
            51,
        ),
        (
            r#"{"applicant":"foreigner","birth_date":"1975-05-05","application_date":"2026-11-25","service":"visa","reciprocity":true,"exemption_category":"diplomatic_courier","passport_kind":"diplomatic"}"#,
            "collect",
            &["3.2"],
            &[],
            51,
        ),
        (
            r#"{"applicant":"stateless","birth_date":"1975-05-05","application_date":"2026-11-25","service":"visa","visa_electronic_without_visit":true}"#,
            "not_subject",
            &["3.2"],
            &[],
            51,
        ),
        (
            r#"{"applicant":"foreigner","birth_date":"2000-01-01","application_date":"2026-11-25","service":"visa","medical_conclusion":{"number":"17/4","date":"2026-11-01"},"lacks_all_fingers_or_palms_of_both_hands":true,"exemption_category":null}"#,
            "exempt",
            &["4.3", "4.4"],
            &[],
            26,
        ),
        (
            r#"{"applicant":"foreigner","birth_date":"2000-01-01","application_date":"2026-11-25","service":"visa","declared_incapable":true,"previously_registered":true}"#,
            "collect",
            &["3.2"],
            &["guardian", "written_application", "verification"],
            26,
        ),
    ];
    for (input, outcome, grounds, requires, age) in table {
        let v = decide(input);
        assert_eq!(v["outcome"], *outcome, "{input}");
        assert_eq!(strings(&v["grounds"]), *grounds, "{input}");
        assert_eq!(strings(&v["requires"]), *requires, "{input}");
        assert_eq!(v["age"], *age, "{input}");
        for lang in ["kk", "ru", "en"] {
            let message = v["message"][lang].as_str().unwrap_or_default();
            assert!(
                message.len() > 20,
                "{lang} message for {input}: {message:?}"
            );
            assert!(!message.contains("decision-"), "unrendered id in {message}");
            for ground in *grounds {
                assert!(
                    message.contains(&format!("п.{ground}")),
                    "{lang} message cites п.{ground}: {message}"
                );
            }
        }
        assert!(
            v["message"]["kk"]
                .as_str()
                .unwrap_or_default()
                .contains('ы')
        );
    }
}

#[test]
fn a_refused_reciprocity_claim_is_explained() {
    let v = decide(
        r#"{"applicant":"foreigner","birth_date":"1975-05-05","application_date":"2026-11-25","service":"visa","reciprocity":true,"exemption_category":"diplomatic_courier","passport_kind":"diplomatic"}"#,
    );
    let en = v["message"]["en"].as_str().unwrap_or_default();
    assert!(en.contains("courier sheet"), "{en}");
}

#[test]
fn malformed_cases_exit_2_with_a_one_line_message_naming_the_field() {
    let base = r#""applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-11-25","service":"passport_first_issue""#;
    // (input, text the message must contain)
    let table: Vec<(String, &str)> = vec![
        (String::new(), ""),
        ("not json".into(), ""),
        ("[]".into(), ""),
        ("{}".into(), "applicant"),
        (format!("{{{base},\"colour\":\"blue\"}}"), "colour"),
        (r#"{"applicant":"martian","birth_date":"1985-03-12","application_date":"2026-11-25","service":"visa"}"#.into(), "applicant"),
        (r#"{"applicant":"citizen","birth_date":"12.03.1985","application_date":"2026-11-25","service":"passport_first_issue"}"#.into(), "birth_date"),
        (r#"{"applicant":"citizen","birth_date":"1985-02-30","application_date":"2026-11-25","service":"passport_first_issue"}"#.into(), "birth_date"),
        (r#"{"applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-13-25","service":"passport_first_issue"}"#.into(), "application_date"),
        (r#"{"applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-11-25"}"#.into(), "service"),
        (r#"{"applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-11-25","service":"visa"}"#.into(), "service"),
        (r#"{"applicant":"foreigner","birth_date":"1985-03-12","application_date":"2026-11-25","service":"passport_first_issue"}"#.into(), "service"),
        (r#"{"applicant":"citizen","birth_date":"2027-03-12","application_date":"2026-11-25","service":"passport_first_issue"}"#.into(), "birth_date"),
        (format!("{{{base},\"medical_conclusion\":{{\"number\":\"\",\"date\":\"2026-01-01\"}}}}"), "medical_conclusion.number"),
        (format!("{{{base},\"medical_conclusion\":{{\"number\":\"12\",\"date\":\"2026-11-26\"}}}}"), "medical_conclusion.date"),
        (format!("{{{base},\"medical_conclusion\":{{\"number\":\"12\"}}}}"), "date"),
        (format!("{{{base},\"passport_kind\":\"golden\"}}"), "passport_kind"),
        (format!("{{{base},\"exemption_category\":\"king\"}}"), "exemption_category"),
        (format!("{{{base},\"reciprocity\":\"yes\"}}"), "reciprocity"),
        (format!("{{{base},\"declared_incapable\":null}}"), "declared_incapable"),
        (format!("{{{base}}} {{}}"), ""),
        ("\u{feff}{".into(), ""),
    ];
    for (input, field) in &table {
        let out = beder(&["--lang", "en", "rules", "decide"], input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{input}\nstderr: {stderr}");
        assert!(out.stdout.is_empty(), "no decision for {input}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            stderr.contains(field),
            "{input}: the message names `{field}`: {stderr}"
        );
    }
}

#[test]
fn error_messages_follow_the_language() {
    let input = r#"{"applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-11-25","service":"visa"}"#;
    let kk = String::from_utf8_lossy(&beder(&["rules", "decide"], input).stderr).to_string();
    let ru = String::from_utf8_lossy(&beder(&["--lang", "ru", "rules", "decide"], input).stderr)
        .to_string();
    assert!(kk.contains("Азамат"), "Kazakh by default: {kk}");
    assert!(ru.contains("Гражданин"), "{ru}");
}

fn iin(args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["--lang", "en", "rules", "iin"];
    all.extend_from_slice(args);
    let out = beder(&all, "");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (out.status.code(), value)
}

#[test]
fn iin_command() {
    let (code, v) = iin(&["850312300012"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        v,
        serde_json::json!({"valid": true, "birth_date": "1985-03-12", "sex": "male", "matches": null, "error": null})
    );

    let (_, v) = iin(&[
        "061211600012",
        "--birth-date",
        "2006-12-11",
        "--sex",
        "female",
    ]);
    assert_eq!(v["valid"], true);
    assert_eq!(v["matches"], true);

    let (_, v) = iin(&["061211600012", "--birth-date", "2006-12-12"]);
    assert_eq!(v["valid"], true);
    assert_eq!(v["matches"], false);

    let (_, v) = iin(&["850312300012", "--sex", "female"]);
    assert_eq!(v["matches"], false);

    let (code, v) = iin(&["850312300013"]);
    assert_eq!(code, Some(0));
    assert_eq!(v["valid"], false);
    assert!(
        v["error"]
            .as_str()
            .is_some_and(|e| e.contains("check digit")),
        "{v}"
    );

    let (_, v) = iin(&["12345"]);
    assert_eq!(v["valid"], false);
    assert_eq!(v["birth_date"], Value::Null);
    assert_eq!(v["sex"], Value::Null);
}

#[test]
fn iin_command_rejects_bad_options() {
    for args in [
        &["850312300012", "--birth-date", "12/03/1985"][..],
        &["850312300012", "--sex", "other"][..],
        &[][..],
    ] {
        let mut all = vec!["rules", "iin"];
        all.extend_from_slice(args);
        let out = beder(&all, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

#[test]
fn a_case_is_an_object_with_named_fields_never_an_array() {
    let out = beder(
        &["--lang", "en", "rules", "decide"],
        r#"["citizen","1985-03-12","2026-11-25","passport_first_issue"]"#,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("one JSON object"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_medical_conclusion_dated_before_the_birth_is_refused_with_its_field() {
    let out = beder(
        &["--lang", "en", "rules", "decide"],
        r#"{"applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-11-25",
            "service":"passport_first_issue","medical_conclusion":{"number":"ДКК-1","date":"1980-01-01"}}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("medical_conclusion.date"), "{stderr}");
    assert!(stderr.contains("before the person's birth"), "{stderr}");
}

#[test]
fn the_kazakh_text_names_the_medical_advisory_commission_as_the_rules_do() {
    let value = decide(
        r#"{"applicant":"citizen","birth_date":"1985-03-12","application_date":"2026-11-25",
            "service":"passport_first_issue","medical_conclusion":{"number":"17","date":"2026-01-01"}}"#,
    );
    let kk = value["message"]["kk"].as_str().unwrap_or_default();
    assert!(
        kk.contains("дәрігерлік-консультациялық комиссияның")
            || kk.contains("Дәрігерлік-консультациялық комиссияның"),
        "{kk}"
    );
}

#[test]
fn every_command_has_its_own_description() {
    let out = beder(&["--lang", "en", "--help"], "");
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    let line = |command: &str| {
        help.lines()
            .find(|l| l.trim_start().starts_with(&format!("{command} ")))
            .unwrap_or_else(|| panic!("no {command} in\n{help}"))
            .to_string()
    };
    assert!(line("backup").contains("Copy the database"), "{help}");
    assert!(!line("extract").contains("Copy the database"), "{help}");
    assert!(line("extract").contains("minutiae"), "{help}");
    let audit = beder(&["audit", "--help"], "");
    let audit_help = String::from_utf8_lossy(&audit.stdout);
    assert!(audit_help.contains("list"), "{audit_help}");
}
