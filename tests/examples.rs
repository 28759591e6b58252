//! The runnable examples, run as pipelines run them (built by `cargo test`).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn example(name: &str) -> Command {
    // Test binaries live in target/<profile>/deps; examples in target/<profile>/examples.
    let mut dir: PathBuf = std::env::current_exe().unwrap();
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    Command::new(dir.join("examples").join(name))
}

fn pipe(mut cmd: Command, input: &[u8]) -> (bool, String, String) {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("example is built by cargo test");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn clean_file_decodes_and_cleans() {
    let (gbk, _, _) = encoding_rs::GBK.encode("?\n河北省雄县召开全县群众工作会议,领导出席。\n");
    let (ok, out, err) = pipe(example("clean_file"), &gbk);
    assert!(ok, "{err}");
    assert_eq!(out, "河北省雄县召开全县群众工作会议，领导出席。\n");
    assert!(err.contains("GBK"), "{err}");
}

#[test]
fn clean_jsonl_fixes_fields_and_reports() {
    let input = "{\"text\":\"會(huì)議,好\",\"n\":1}\nnot json\n{\"text\":\"ok\"}\n";
    let mut cmd = example("clean_jsonl");
    cmd.arg("text");
    let (ok, out, err) = pipe(cmd, input.as_bytes());
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "{\"text\":\"會議，好\",\"n\":1}\nnot json\n{\"text\":\"ok\"}\n"
    );
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("3 records, 1 changed, 1 not JSON"), "{err}");
    assert!(err.contains("pinyin"), "{err}");
}

#[test]
fn detect_report_tables_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("河北省雄县召开全县群众工作和基层组织建设工作会议。");
    std::fs::write(dir.path().join("a.txt"), &gbk).unwrap();
    std::fs::write(dir.path().join("b.txt"), "plain ascii").unwrap();
    std::fs::write(dir.path().join("c.txt"), "中文 UTF-8").unwrap();
    let mut cmd = example("detect_report");
    cmd.arg(dir.path());
    let (ok, out, err) = pipe(cmd, b"");
    assert!(ok, "{err}");
    assert!(out.starts_with("ENCODING"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("UTF-8") && l.contains(" 2 ")),
        "{out}"
    );
    assert!(out.lines().any(|l| l.starts_with("GBK")), "{out}");
}
