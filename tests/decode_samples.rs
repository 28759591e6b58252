//! Short texts (one sentence or title, 30–120 bytes) in legacy encodings decode back: the
//! common case in scrapes. Samples in `fixtures/decode/short.tsv`.

use encoding_rs::Encoding;

fn samples() -> Vec<(&'static Encoding, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/decode/short.tsv");
    std::fs::read_to_string(path)
        .expect("fixtures/decode/short.tsv")
        .lines()
        .filter_map(|line| {
            let (label, text) = line.split_once('\t')?;
            Some((Encoding::for_label(label.as_bytes())?, text.to_string()))
        })
        .collect()
}

#[test]
fn short_texts_decode_back() {
    let samples = samples();
    assert!(samples.len() >= 30);
    let mut misses = Vec::new();
    for (enc, text) in &samples {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "{} cannot encode {text}", enc.name());
        let d = mojifix::decode(&bytes);
        if &d.text != text {
            misses.push(format!(
                "{}: {text} -> {} ({})",
                enc.name(),
                d.text,
                d.encoding.name()
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

#[test]
fn short_texts_in_utf16le_without_bom() {
    for (_, text) in samples() {
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = mojifix::decode(&bytes);
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, encoding_rs::UTF_16LE);
    }
}

#[test]
fn report_serializes() {
    let (bytes, _, _) = encoding_rs::GBK.encode("今天天气很好，我们一起去公园散步吧。");
    let json = mojifix::decode(&bytes).to_json();
    assert_eq!(json["encoding"], "GBK");
    assert_eq!(json["had_replacements"], false);
    assert!(json["confidence"].as_f64().unwrap() > 0.5);
    assert!(json["alternatives"].is_array());
}
