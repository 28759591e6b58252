//! Compiles OpenCC 1.4.2's dictionaries (`data/opencc/`, Apache-2.0, from OpenCC by Carbo Kuo
//! and contributors; see `data/opencc/README.md`) into the tables `src/zh/engine.rs` embeds:
//! double-array tries over a shared character alphabet, value tables, and one conversion plan
//! per configuration. Nothing is parsed at run time.
//!
//! Output in `OUT_DIR`: `zh_u32.bin` (tries, value references, supplementary alphabet;
//! native-endian u32), `zh_u16.bin` (the BMP alphabet table), `zh_values.txt` (all output
//! strings) and `zh_tables.rs` (where each table starts, and the plans).

#[path = "src/zh/compile.rs"]
mod compile;

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use compile::{prune, Data, Dict, Expr, Spec};

/// Marks a double-array slot that belongs to no state.
const EMPTY: u32 = u32::MAX;

/// A dictionary the engine matches with: a key set (one trie) and what each key outputs.
#[derive(PartialEq, Eq, Hash, Clone)]
struct DictInstance {
    trie: usize,
    /// Output of each key, in key order.
    values: Vec<String>,
}

/// How the engine runs one configuration.
struct Plan {
    name: String,
    norm: Vec<usize>,
    seg: Option<usize>,
    stages: Vec<usize>,
}

#[derive(Default)]
struct Builder {
    tries: Vec<Vec<String>>,
    trie_index: HashMap<Vec<String>, usize>,
    dicts: Vec<DictInstance>,
    dict_index: HashMap<DictInstance, usize>,
}

impl Builder {
    fn add(&mut self, keys: Vec<String>, values: Vec<String>) -> usize {
        let trie = match self.trie_index.get(&keys) {
            Some(&t) => t,
            None => {
                self.tries.push(keys.clone());
                self.trie_index.insert(keys, self.tries.len() - 1);
                self.tries.len() - 1
            }
        };
        let inst = DictInstance { trie, values };
        if let Some(&d) = self.dict_index.get(&inst) {
            return d;
        }
        self.dicts.push(inst.clone());
        self.dict_index.insert(inst, self.dicts.len() - 1);
        self.dicts.len() - 1
    }

    fn add_dict(&mut self, d: Dict) -> usize {
        let (keys, values) = d.into_iter().unzip();
        self.add(keys, values)
    }
}

/// The plan for `spec`. Segmentation matches get their output through the whole chain
/// precomputed; the text between them runs through the stages at run time.
fn plan(data: &Data, spec: &Spec, b: &mut Builder) -> Plan {
    let norm = spec
        .normalization
        .iter()
        .map(|e| b.add_dict(data.flatten(e)))
        .collect();
    let chained = |b: &mut Builder, seg: &Expr| {
        let keys: Vec<String> = data.flatten(seg).into_keys().collect();
        let values = keys
            .iter()
            .map(|k| data.convert_chain(&spec.chain, k))
            .collect();
        b.add(keys, values)
    };
    let (seg, stage_exprs): (Option<usize>, Vec<Expr>) = match &spec.segmentation {
        Some(s) => {
            // Between segmentation matches the segmentation dictionary matches nowhere, so
            // the first stage can leave it out.
            let mut stages: Vec<Expr> = prune(&spec.chain[0], s).into_iter().collect();
            stages.extend(spec.chain[1..].iter().cloned());
            (Some(chained(b, s)), stages)
        }
        // No segmentation: the whole text is one segment.
        None => (None, spec.chain.clone()),
    };
    let stages = stage_exprs
        .iter()
        .map(|e| b.add_dict(data.flatten(e)))
        .collect();
    Plan {
        name: spec.name.clone(),
        norm,
        seg,
        stages,
    }
}

/// Character codes 1..: every character of every key, in code point order (0: in no key).
fn alphabet(tries: &[Vec<String>]) -> HashMap<char, u32> {
    let chars: BTreeSet<char> = tries.iter().flatten().flat_map(|k| k.chars()).collect();
    chars.into_iter().zip(1u32..).collect()
}

/// A double-array trie: three u32 a state (base, check, key id + 1 or 0).
fn double_array(keys: &[String], alpha: &HashMap<char, u32>) -> Vec<u32> {
    struct Node {
        children: Vec<(u32, usize)>,
        key: u32,
    }
    let mut nodes = vec![Node {
        children: Vec::new(),
        key: 0,
    }];
    for (id, key) in keys.iter().enumerate() {
        let mut n = 0;
        for c in key.chars() {
            let code = alpha[&c];
            // Keys come sorted, so a child is either the last one or new.
            n = match nodes[n].children.last() {
                Some(&(c2, child)) if c2 == code => child,
                _ => {
                    nodes.push(Node {
                        children: Vec::new(),
                        key: 0,
                    });
                    let child = nodes.len() - 1;
                    nodes[n].children.push((code, child));
                    child
                }
            };
        }
        nodes[n].key = id as u32 + 1;
    }

    let mut base: Vec<u32> = vec![0];
    let mut check: Vec<u32> = vec![EMPTY];
    let mut key: Vec<u32> = vec![0];
    let mut first_free = 1usize;
    let mut queue = VecDeque::from([(0usize, 0usize)]);
    while let Some((node, slot)) = queue.pop_front() {
        let children = &nodes[node].children;
        let Some(&(c0, _)) = children.first() else {
            continue;
        };
        let c0 = c0 as usize;
        let mut p = first_free.max(c0 + 1);
        let b = loop {
            let b = p - c0;
            let fits = children
                .iter()
                .all(|&(c, _)| check.get(b + c as usize).is_none_or(|&x| x == EMPTY));
            if fits {
                break b;
            }
            p += 1;
            while check.get(p).is_some_and(|&x| x != EMPTY) {
                p += 1;
            }
        };
        let need = b + children.last().map_or(0, |&(c, _)| c as usize) + 1;
        if check.len() < need {
            base.resize(need, 0);
            check.resize(need, EMPTY);
            key.resize(need, 0);
        }
        base[slot] = b as u32;
        for &(c, child) in children {
            let t = b + c as usize;
            check[t] = slot as u32;
            key[t] = nodes[child].key;
            queue.push_back((child, t));
        }
        while check.get(first_free).is_some_and(|&x| x != EMPTY) {
            first_free += 1;
        }
    }
    let mut out = Vec::with_capacity(base.len() * 3);
    for i in 0..base.len() {
        out.extend([base[i], check[i], key[i]]);
    }
    out
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let data_dir = root.join("data/opencc");
    println!("cargo:rerun-if-changed=data/opencc");
    println!("cargo:rerun-if-changed=src/zh/compile.rs");
    let data = Data::load(&data_dir).unwrap_or_else(|e| panic!("data/opencc: {e}"));
    assert_eq!(data.specs.len(), 16, "expected OpenCC's 16 configurations");

    let mut b = Builder::default();
    let plans: Vec<Plan> = data.specs.iter().map(|s| plan(&data, s, &mut b)).collect();
    let alpha = alphabet(&b.tries);
    let little = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("little");

    let mut words: Vec<u32> = Vec::new();
    let mut rs = String::from("// Generated by build.rs from data/opencc; do not edit.\n");
    let mut trie_ranges = Vec::new();
    for keys in &b.tries {
        let da = double_array(keys, &alpha);
        trie_ranges.push((words.len(), da.len()));
        words.extend(da);
    }
    let mut values = String::new();
    let mut value_at: HashMap<String, u32> = HashMap::new();
    writeln!(
        rs,
        "pub(super) const DICTS: [DictDesc; {}] = [",
        b.dicts.len()
    )
    .unwrap();
    for d in &b.dicts {
        let keys = &b.tries[d.trie];
        let start = words.len();
        for (k, v) in keys.iter().zip(&d.values) {
            if k == v {
                words.push(0);
                continue;
            }
            let at = *value_at.entry(v.clone()).or_insert_with(|| {
                values.push_str(v);
                (values.len() - v.len()) as u32
            });
            assert!(v.len() < 256 && at < 1 << 24, "value table overflow");
            words.push(at << 8 | v.len() as u32);
        }
        let (t_off, t_len) = trie_ranges[d.trie];
        writeln!(
            rs,
            "    DictDesc {{ trie: ({t_off}, {t_len}), values: ({start}, {}) }},",
            keys.len()
        )
        .unwrap();
    }
    rs.push_str("];\n");

    let mut supp: Vec<(u32, u32)> = alpha
        .iter()
        .filter(|(c, _)| (**c as u32) > 0xFFFF)
        .map(|(c, code)| (*c as u32, *code))
        .collect();
    supp.sort_unstable();
    let supp_start = words.len();
    for (c, code) in &supp {
        words.extend([*c, *code]);
    }
    writeln!(
        rs,
        "pub(super) const SUPPLEMENTARY: (usize, usize) = ({supp_start}, {});",
        supp.len() * 2
    )
    .unwrap();
    let mut bmp = vec![0u16; 0x10000];
    for (c, code) in &alpha {
        if (*c as u32) <= 0xFFFF {
            bmp[*c as usize] = u16::try_from(*code).expect("alphabet larger than u16");
        }
    }

    // The normalization pass looks for its keys by their first UTF-8 byte.
    let mut leads = BTreeSet::new();
    for p in &plans {
        for &n in &p.norm {
            for k in &b.tries[b.dicts[n].trie] {
                leads.insert(k.as_bytes()[0]);
            }
        }
    }
    let leads: Vec<u8> = leads.into_iter().collect();
    assert!(
        !leads.is_empty() && leads.len() <= 2,
        "normalization keys start with more than two distinct bytes"
    );
    writeln!(
        rs,
        "pub(super) const NORM_LEAD_BYTES: [u8; 2] = [{}, {}];",
        leads[0],
        leads[leads.len() - 1]
    )
    .unwrap();

    writeln!(
        rs,
        "pub(super) const PLANS: [PlanDesc; {}] = [",
        plans.len()
    )
    .unwrap();
    for p in &plans {
        writeln!(
            rs,
            "    PlanDesc {{ name: {:?}, norm: &{:?}, seg: {:?}, stages: &{:?} }},",
            p.name, p.norm, p.seg, p.stages
        )
        .unwrap();
    }
    rs.push_str("];\n");

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let to_bytes = |w: &[u32]| -> Vec<u8> {
        w.iter()
            .flat_map(|x| {
                if little {
                    x.to_le_bytes()
                } else {
                    x.to_be_bytes()
                }
            })
            .collect()
    };
    let bmp_bytes: Vec<u8> = bmp
        .iter()
        .flat_map(|x| {
            if little {
                x.to_le_bytes()
            } else {
                x.to_be_bytes()
            }
        })
        .collect();
    write(&out.join("zh_u32.bin"), &to_bytes(&words));
    write(&out.join("zh_u16.bin"), &bmp_bytes);
    write(&out.join("zh_values.txt"), values.as_bytes());
    write(&out.join("zh_tables.rs"), rs.as_bytes());
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
