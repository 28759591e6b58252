//! The real binary, run as users run it.

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use common::{assert_matches_but_lost_byte_span, HANS, HANT, SEED_PATH};

fn mojifix() -> Command {
    Command::cargo_bin("mojifix").expect("the binary is built")
}

/// Runs `mojifix ARGS` with `stdin`; returns (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = mojifix()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn text(b: Vec<u8>) -> String {
    String::from_utf8(b).expect("output is UTF-8")
}

#[test]
fn fixes_the_seed_file() {
    let (code, out, err) = run(&["fix", SEED_PATH], b"");
    assert_eq!(code, 0, "{err}");
    assert_matches_but_lost_byte_span(&text(out), HANT);
}

#[test]
fn converts_the_seed_with_fix() {
    let (code, out, err) = run(&["fix", "--convert", "t2s", "-"], common::SEED.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_matches_but_lost_byte_span(&text(out), HANS);
}

#[test]
fn convert_command_accepts_json_names() {
    let (code, out, err) = run(
        &["convert", "-c", "t2s.json"],
        "漢字轉換，萬樹軍。\n".as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(text(out), "汉字转换，万树军。\n");
    let (code, _, err) = run(&["convert", "-c", "x2y"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("x2y"), "{err}");
}

#[test]
fn reads_stdin_and_keeps_clean_text() {
    let clean = "Plain English, with 3,000 commas: fine!\n乾淨的中文，沒有問題。\n";
    let (code, out, _) = run(&["fix"], clean.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(text(out), clean);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["fix", "--steps", "nope"][..],
        &["fix", "--convert", "z2q"],
        &["fix", "--bogus"],
        &["fix", "--encoding", "no-such"],
    ] {
        let (code, out, err) = run(args, b"");
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(!err.is_empty());
    }
}

#[test]
fn missing_file_exits_3_naming_it() {
    let (code, _, err) = run(&["fix", "/no/such/file.txt"], b"");
    assert_eq!(code, 3);
    assert!(err.contains("/no/such/file.txt"), "{err}");
}

#[test]
fn invalid_utf8_without_decode_names_file_and_offset_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.txt");
    let mut bytes = "好,的\n".repeat(100_000).into_bytes();
    bytes.extend_from_slice(b"abc\xff\n");
    std::fs::write(&input, &bytes).unwrap();
    let out = dir.path().join("out.txt");
    let (code, stdout, err) = run(
        &[
            "fix",
            "--skip",
            "decode",
            "-o",
            out.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("bad.txt"), "{err}");
    assert!(
        err.contains(&format!("byte offset {}", bytes.len() - 2)),
        "{err}"
    );
    assert!(stdout.is_empty());
    assert!(!out.exists(), "a half-written output was left");
    // To stdout: the file is checked before anything of it is written.
    let (code, stdout, _) = run(&["fix", "--skip", "decode", input.to_str().unwrap()], b"");
    assert_eq!(code, 3);
    assert!(stdout.is_empty());
}

#[test]
fn legacy_encodings_are_decoded() {
    let (gbk, _, _) = encoding_rs::GBK.encode("河北省雄县召开全县群众工作会议，领导出席会议。\n");
    let (code, out, err) = run(&["fix"], &gbk);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        text(out),
        "河北省雄县召开全县群众工作会议，领导出席会议。\n"
    );
    let (big5, _, _) = encoding_rs::BIG5.encode("會議\n");
    let (code, out, _) = run(&["fix", "--encoding", "big5"], &big5);
    assert_eq!(code, 0);
    assert_eq!(text(out), "會議\n");
}

#[test]
fn explain_writes_json_lines() {
    let (code, out, err) = run(&["fix", "--explain"], "?\n會(huì)議,好\n".as_bytes());
    assert_eq!(code, 0);
    assert_eq!(text(out), "會議，好\n");
    let recs: Vec<serde_json::Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).expect(l))
        .collect();
    let steps: Vec<&str> = recs.iter().map(|r| r["step"].as_str().unwrap()).collect();
    assert_eq!(steps, ["placeholder-lines", "pinyin", "cjk-punctuation"]);
    assert_eq!(recs[1]["before"], "(huì)");
    assert_eq!(recs[1]["after"], "");
    assert!(recs[1]["span"].is_array());
}

#[test]
fn check_lists_and_exits_1() {
    let (code, out, _) = run(&["fix", "--check"], "好,的\n".as_bytes());
    assert_eq!(code, 1);
    let out = text(out);
    assert!(out.contains("cjk-punctuation"), "{out}");
    let (code, out, _) = run(&["fix", "--check"], "好，的\n".as_bytes());
    assert_eq!(code, 0);
    assert!(out.is_empty());
}

#[test]
fn diff_shows_hunks_and_writes_nothing_else() {
    let input = "a\nb\nc\nd\ne\nf\ng\nh\n好,的\n";
    let (code, out, _) = run(&["fix", "--diff"], input.as_bytes());
    assert_eq!(code, 0);
    let out = text(out);
    assert!(out.contains("@@ -6,4 +6,4 @@"), "{out}");
    assert!(out.contains("-好,的\n+好，的\n"), "{out}");
    assert!(
        !out.contains("a\nb"),
        "the output itself was written: {out}"
    );
}

#[test]
fn jsonl_fixes_fields_and_keeps_everything_else() {
    let input = concat!(
        r#"{"id":1,"text":"會(huì)議,好","meta":{"title":"好,的","n":1.50},"other":"好,的"}"#,
        "\n",
        r#"{"id":2,"text":null,"meta":{"title":["好,的"]}}"#,
        "\r\n",
        "\n",
        r#"{"id":3,"text":"好,的"}"#,
    );
    let (code, out, err) = run(
        &["fix", "--jsonl", "--field", "text", "--field", "meta.title"],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        text(out),
        concat!(
            r#"{"id":1,"text":"會議，好","meta":{"title":"好，的","n":1.50},"other":"好,的"}"#,
            "\n",
            r#"{"id":2,"text":null,"meta":{"title":["好,的"]}}"#,
            "\r\n",
            "\n",
            r#"{"id":3,"text":"好，的"}"#,
        )
    );
    let (_, out, _) = run(&["fix", "--jsonl"], input.as_bytes());
    assert!(text(out).contains(r#""other":"好，的""#));
}

#[test]
fn jsonl_bad_line_stops_or_keeps_going() {
    let input = "{\"t\":\"好,的\"}\n{broken\n{\"t\":\"好,的\"}\n";
    let (code, _, err) = run(&["fix", "--jsonl", "-"], input.as_bytes());
    assert_eq!(code, 3);
    assert!(err.contains("<stdin>:2: not valid JSON"), "{err}");
    let (code, out, err) = run(&["fix", "--jsonl", "--keep-going"], input.as_bytes());
    assert_eq!(code, 3);
    assert!(err.contains(":2: not valid JSON"), "{err}");
    assert_eq!(
        text(out),
        "{\"t\":\"好，的\"}\n{broken\n{\"t\":\"好，的\"}\n"
    );
}

#[test]
fn jsonl_in_place_leaves_original_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("data.jsonl");
    let original = "{\"t\":\"好,的\"}\n{broken\n";
    std::fs::write(&f, original).unwrap();
    let (code, _, err) = run(&["fix", "--jsonl", "--in-place", f.to_str().unwrap()], b"");
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("data.jsonl:2"), "{err}");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), original);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "a temporary file was left"
    );
}

#[test]
fn in_place_with_backup() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "好,的\n").unwrap();
    let (code, out, err) = run(
        &[
            "fix",
            "--in-place",
            "--backup",
            ".orig",
            f.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "好，的\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt.orig")).unwrap(),
        "好,的\n"
    );
}

#[cfg(unix)]
#[test]
fn interrupt_leaves_the_original_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.txt");
    // Seconds of work, so that the signal arrives while the temporary file is being written.
    let original = std::fs::read_to_string(SEED_PATH).unwrap().repeat(2000);
    std::fs::write(&f, &original).unwrap();
    let mut child = mojifix()
        .args(["fix", "-j1", "--in-place", f.to_str().unwrap()])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let temporaries = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with(".mojifix-")
            })
            .count()
    };
    let started = std::time::Instant::now();
    while temporaries() == 0 && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(temporaries(), 1, "the run writes beside the original");
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "interrupted before the end");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), original);
    assert_eq!(temporaries(), 0);
}

#[test]
fn full_disk_leaves_the_original_and_no_temporary_file() {
    // A full disk needs a small file system: a 64 KiB tmpfs, which only root may mount.
    // Elsewhere the test says so and checks the other half: writing to /dev/full.
    let dir = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(dir.path())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if mounted {
        let f = dir.path().join("a.txt");
        // 40 KB: the fixed copy does not fit beside it.
        let original = std::fs::read_to_string(SEED_PATH).unwrap().repeat(5);
        std::fs::write(&f, &original).unwrap();
        let out = mojifix()
            .args(["fix", "--in-place", f.to_str().unwrap()])
            .output()
            .unwrap();
        let listing: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let kept = std::fs::read_to_string(&f).unwrap();
        let _ = Command::new("umount").arg(dir.path()).status();
        assert_eq!(out.status.code(), Some(3));
        assert!(String::from_utf8_lossy(&out.stderr).contains("No space left"));
        assert!(kept == original, "the original is untouched");
        assert_eq!(listing, vec![std::ffi::OsString::from("a.txt")]);
    } else {
        eprintln!("full_disk: cannot mount a tmpfs here; only /dev/full is checked");
    }
    let out = mojifix()
        .args(["fix", SEED_PATH])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No space left"));
}

#[test]
fn walks_trees_with_globs_and_skips_binaries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/a.txt"), "好,的\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "好,的\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), b"\x00\x01binary,\x00").unwrap();
    let (code, _, err) = run(
        &[
            "fix",
            "-r",
            "--glob",
            "*.txt",
            "--in-place",
            dir.path().to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("c.txt") && err.contains("binary"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sub/a.txt")).unwrap(),
        "好，的\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.md")).unwrap(),
        "好,的\n"
    );
    assert_eq!(
        std::fs::read(dir.path().join("c.txt")).unwrap(),
        b"\x00\x01binary,\x00"
    );
}

#[test]
fn closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.txt");
    std::fs::write(&f, "會(huì)議,好\n".repeat(400_000)).unwrap();
    let mut child = mojifix()
        .args(["fix", f.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn parallel_output_equals_serial_output() {
    let mut input = String::new();
    for i in 0..30_000 {
        input.push_str(&format!("第{i}段,會(huì)議!\n"));
        if i % 5 == 0 {
            input.push('\n');
        }
    }
    let (c1, one, _) = run(&["fix", "-j", "1"], input.as_bytes());
    let (c2, two, _) = run(&["fix", "-j", "2"], input.as_bytes());
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(one, two);
    assert_eq!(
        text(one),
        input
            .replace("(huì)", "")
            .replace(',', "，")
            .replace('!', "！")
    );
}

#[test]
fn jsonl_100k_records_round_trip() {
    let mut input = String::new();
    for i in 0..100_000u32 {
        let rec = serde_json::json!({
            "id": i,
            "text": if i % 3 == 0 { "會(huì)議,開始" } else { "clean text" },
            "score": f64::from(i) / 8.0,
            "tags": ["好,的", null, true],
            "meta": {"url": format!("http://example.com/{i}"), "title": "好,的"},
        });
        input.push_str(&rec.to_string());
        input.push('\n');
    }
    let (code, out, err) = run(
        &["fix", "--jsonl", "--field", "text", "-j", "2"],
        input.as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    let out = text(out);
    assert_eq!(out.lines().count(), 100_000);
    for (i, (a, b)) in input.lines().zip(out.lines()).enumerate() {
        let mut a: serde_json::Value = serde_json::from_str(a).unwrap();
        let b: serde_json::Value = serde_json::from_str(b).unwrap();
        let want = if i % 3 == 0 {
            "會議，開始"
        } else {
            "clean text"
        };
        assert_eq!(b["text"], want);
        a["text"] = want.into();
        assert_eq!(a, b, "record {i}");
    }
}

#[test]
fn detect_prints_path_encoding_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("gbk.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode("河北省雄县召开全县群众工作和基层组织建设工作会议。");
    std::fs::write(&f, &gbk).unwrap();
    let (code, out, _) = run(&["detect", f.to_str().unwrap()], b"");
    assert_eq!(code, 0);
    let out = text(out);
    let cols: Vec<&str> = out.trim_end().split('\t').collect();
    assert_eq!(cols[0], f.to_str().unwrap());
    assert_eq!(cols[1], "GBK");
    assert!(cols[2].parse::<f32>().is_ok(), "{out}");
    let (code, out, _) = run(&["detect", "--json", "-"], "plain".as_bytes());
    assert_eq!(code, 0);
    let rec: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(rec["encoding"], "UTF-8");
}
