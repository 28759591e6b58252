//! OpenCC's own test cases (`fixtures/opencc/testcases.strict.json`, 543 triples over the 16
//! configurations) and golden whole-document outputs: every one must match exactly.

use std::collections::BTreeMap;

use mojifix::zh::{Config, Converter};

fn fixture(path: &str) -> String {
    let p = format!("{}/fixtures/opencc/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn all_opencc_testcases_pass() {
    let json: serde_json::Value = serde_json::from_str(&fixture("testcases.strict.json")).unwrap();
    let converters: BTreeMap<&str, Converter> = Config::ALL
        .iter()
        .map(|&c| (c.name(), Converter::new(c)))
        .collect();
    let mut total = 0;
    let mut failures = Vec::new();
    for case in json["cases"].as_array().unwrap() {
        let input = case["input"].as_str().unwrap();
        for (config, expected) in case["expected"].as_object().unwrap() {
            total += 1;
            let got = converters[config.as_str()].convert(input);
            if got != expected.as_str().unwrap() {
                failures.push(format!(
                    "{} {config}: {input:?} -> {got:?}, expected {expected}",
                    case["id"]
                ));
            }
        }
    }
    assert_eq!(total, 543, "the fixture has 543 triples");
    assert!(
        failures.is_empty(),
        "{} of {total} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_documents_match() {
    let input = fixture("golden/us_constitution_zhs.txt");
    for config in ["s2t", "s2tw", "s2twp", "s2hk", "s2hkp"] {
        let expected = fixture(&format!("golden/output/us_constitution_zhs.{config}.txt"));
        let got = Converter::new(config.parse().unwrap()).convert(&input);
        assert!(got == expected, "golden {config} differs");
    }
}
