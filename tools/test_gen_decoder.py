#!/usr/bin/env python3
"""Tests of tools/gen_decoder.py: spec parsing, rejected specs, field extraction, the
decision tree, and the generated C compiled and run (ctest: tools/gen_decoder)."""

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_decoder as gd  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RISCV_SPEC = os.path.join(ROOT, "frontends", "riscv64", "riscv64.decode")

# A small spec exercising signed scrambled fields, constants, aliases and a group.
SMALL = """
&r     rd rs1 rs2
&b     rs1 rs2 imm
&e
%rd    7:5
%rs1   15:5
%rs2   20:5
%imm_b 31:s1 7:1 25:6 8:4 <<1
%plus  2:3 +8
.decoder d32 32
@r     ....... ..... ..... ... ..... ....... &r %rd %rs1 %rs2
@b     ....... ..... ..... ... ..... ....... &b %rs1 %rs2 imm=%imm_b
add    0000000 ..... ..... 000 ..... 0110011 @r
sub    0100000 ..... ..... 000 ..... 0110011 @r
beq    ....... ..... ..... 000 ..... 1100011 @b
{
  nop  0000000 00000 00000 000 00000 0010011 &e
  addz 0000000 ..... ..... 000 ..... 0010011 @r
}
.decoder d16 16
cmv    100 0 ..... ..... 10 &r rd=%plus rs1=0 rs2=3 -> add
"""


def enc_b(imm, rs2, rs1, f3):
    u = imm & 0x1FFF
    return (((u >> 12) & 1) << 31 | ((u >> 5) & 0x3F) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12
            | ((u >> 1) & 0xF) << 8 | ((u >> 11) & 1) << 7 | 0x63)


def spec_error(text):
    try:
        gd.parse_spec(text, "t.decode")
    except gd.SpecError as e:
        return str(e)
    raise AssertionError("spec was accepted:\n" + text)


def tree_lookup(node, word):
    """What the generated C does, in Python: returns the matching pattern or None."""
    if node.kind == "switch":
        child = node.cases.get(word & node.mask)
        return tree_lookup(child, word) if child else None
    items = [node.item] if node.kind == "leaf" else node.items
    for it in items:
        for p in it.members if isinstance(it, gd.Group) else [it]:
            if p.matches(word):
                return p
    return None


class ParseTests(unittest.TestCase):
    def test_small_spec(self):
        spec = gd.parse_spec(SMALL)
        names = [p.name for p in spec.patterns]
        self.assertEqual(names, ["add", "sub", "beq", "nop", "addz", "cmv"])
        cmv = spec.patterns[-1]
        self.assertEqual(cmv.trans, "add")
        self.assertEqual(cmv.mask, 0xF003)
        self.assertEqual(cmv.match, 0x8002)

    def test_signed_scrambled_field(self):
        spec = gd.parse_spec(SMALL)
        f = spec.fields["imm_b"]
        for imm in list(range(-4096, 4096, 2)):
            self.assertEqual(f.extract(enc_b(imm, 3, 4, 0)), imm)

    def test_offset_field(self):
        f = gd.parse_spec(SMALL).fields["plus"]
        self.assertEqual([f.extract(v << 2) for v in range(8)], list(range(8, 16)))


class RejectTests(unittest.TestCase):
    HEAD = "&r rd\n%rd 7:5\n.decoder d 8\n"

    def test_overlap_is_rejected_with_both_names(self):
        msg = spec_error(".decoder d 32\n&e\n"
                         "aa 0000000 ..... ..... 000 ..... 0110011 &e\n"
                         "bb ....... ..... ..... 000 ..... 0110011 &e\n")
        self.assertIn("'bb' overlaps 'aa'", msg)
        self.assertIn("group", msg)

    def test_disjoint_patterns_are_accepted(self):
        gd.parse_spec(".decoder d 8\n&e\naa 0....... &e\nbb 1....... &e\n")

    def test_shadowed_group_member(self):
        msg = spec_error(".decoder d 8\n&e\n{\naa 0....... &e\nbb 01...... &e\n}\n")
        self.assertIn("'bb' can never match", msg)

    def test_group_overlapping_outside_pattern(self):
        msg = spec_error(".decoder d 8\n&e\n{\naa 01...... &e\nbb 0....... &e\n}\ncc 00000000 &e\n")
        self.assertIn("'cc' overlaps 'bb'", msg)

    def test_wrong_width(self):
        self.assertIn("has 7 bits", spec_error(".decoder d 8\n&e\naa 0101010 &e\n"))

    def test_unknown_field_and_missing_argument(self):
        self.assertIn("unknown field", spec_error(self.HEAD + "aa ........ &r rd=%nope\n"))
        self.assertIn("needs rd", spec_error(self.HEAD + "aa ........ &r\n"))
        self.assertIn("not in argument set", spec_error(self.HEAD + "aa ........ &r %rd x=1\n"))

    def test_alias_with_a_different_argument_set(self):
        msg = spec_error(self.HEAD + "&e\naa 0....... &r %rd\nbb 1....... &e -> aa\n")
        self.assertIn("trans_aa", msg)

    def test_format_of_another_width(self):
        msg = spec_error("&e\n.decoder a 8\n@f ........ &e\n.decoder b 16\naa ................ @f\n")
        self.assertIn("8 bits wide", msg)

    def test_unclosed_group_and_bad_segments(self):
        self.assertIn("not closed", spec_error(".decoder d 8\n&e\n{\naa 0....... &e\n"))
        self.assertIn("only the first segment", spec_error("%f 1:2 3:s4\n"))
        self.assertIn("duplicate", "duplicate " + spec_error("&e\n.decoder d 8\naa 0....... &e\n"
                                                              "aa 1....... &e\n"))

    def test_command_line_reports_errors(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.decode")
            with open(bad, "w") as f:
                f.write(".decoder d 8\n&e\naa 0....... &e\nbb ........ &e\n")
            r = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_decoder.py"), bad,
                                "--prefix", "x", "--type-prefix", "X", "--ctx", "C",
                                "--header", os.path.join(d, "x.h"), "--source",
                                os.path.join(d, "x.c"), "--include", "x.h"],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 1)
            self.assertIn("bad.decode:4: pattern 'bb' overlaps 'aa'", r.stderr)
            self.assertFalse(os.path.exists(os.path.join(d, "x.c")))


class RiscvSpecTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(RISCV_SPEC) as f:
            cls.spec = gd.parse_spec(f.read(), RISCV_SPEC)

    def test_every_pattern_is_reached_through_the_tree(self):
        rng = random.Random(1)
        for dec in self.spec.decoders:
            tree = gd.decoder_tree(dec)
            full = (1 << dec.width) - 1
            for p in [p for p in self.spec.patterns if p.decoder is dec]:
                for _ in range(20):
                    word = p.match | (rng.getrandbits(dec.width) & ~p.mask & full)
                    got = tree_lookup(tree, word)
                    # Within a group an earlier, more specific member may win.
                    self.assertIsNotNone(got, "%s 0x%x" % (p.name, word))
                    self.assertTrue(got is p or got.index < p.index, "%s 0x%x -> %s"
                                    % (p.name, word, got.name))
                hit = tree_lookup(tree, p.match | (full & ~p.mask))
                self.assertIsNotNone(hit)

    def test_tree_is_shallow_not_a_scan(self):
        for dec in self.spec.decoders:
            depth = gd.tree_depth(gd.decoder_tree(dec))
            self.assertLessEqual(depth, 6, dec.name)

    def test_words_no_pattern_matches_decode_to_nothing(self):
        dec = self.spec.decoders[0]
        tree = gd.decoder_tree(dec)
        self.assertIsNone(tree_lookup(tree, 0xFFFFFFFF))
        self.assertIsNone(tree_lookup(tree, 0x0000007F))


# Where GNU objdump and riscv64.decode may legitimately disagree on a random word.
OBJDUMP_SAME = {("c.slli64", "c.slli"), ("c.srli64", "c.srli"), ("c.srai64", "c.srai"),
                ("c.addi", "c.nop")}
# Reserved encodings the patterns match but the trans functions reject (tested in
# tests/unit/test_riscv64_decode.c), and fence/fence.i with fields that software must
# zero but hardware ignores.
OBJDUMP_UNKNOWN_OK = {"c.addi4spn", "c.lwsp", "c.ldsp", "c.jr", "c.addiw", "c.lui", "fence",
                      "fence.i"}


class ObjdumpTests(unittest.TestCase):
    """riscv64.decode against GNU objdump on random words (binutils' own tables)."""

    def test_random_words_agree(self):
        objdump = shutil.which("riscv64-linux-gnu-objdump")
        if not objdump:
            self.skipTest("riscv64-linux-gnu-objdump not installed")
        with open(RISCV_SPEC) as f:
            spec = gd.parse_spec(f.read(), RISCV_SPEC)
        d32, d16 = spec.decoders
        trees = {4: gd.decoder_tree(d32), 2: gd.decoder_tree(d16)}
        first, last = self._zb_lines()
        zb = {p.name for p in spec.patterns if first < p.line < last}
        opcodes = sorted({p.match & 0x7F for p in spec.patterns if p.decoder is d32})
        rng = random.Random(11)
        words = []
        for i in range(20000):
            if i % 2:
                w = (rng.getrandbits(32) & ~0x7F) | rng.choice(opcodes)
                if rng.random() < 0.5:  # make the small funct7/funct3 values common
                    w &= ~rng.choice([0xFE000000, 0x0E000000, 0xF0000000, 0])
                words.append((w, 4))
            else:
                w = rng.getrandbits(16)
                words.append((w & ~1 if w & 3 == 3 else w, 2))
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "words.bin")
            with open(path, "wb") as f:
                for w, n in words:
                    f.write(w.to_bytes(n, "little"))
            out = subprocess.run([objdump, "-b", "binary", "-m", "riscv:rv64", "-D", "-M",
                                  "no-aliases", path], capture_output=True, text=True,
                                 check=True).stdout
        theirs = {}
        for line in out.splitlines():
            m = re.match(r"\s+([0-9a-f]+):\s+[0-9a-f]+\s+(\S+)", line)
            if m:
                theirs[int(m.group(1), 16)] = re.sub(r"\.(aqrl|aq|rl)$", "", m.group(2))
        offset, compared, problems = 0, 0, []
        for w, n in words:
            name = theirs.get(offset)
            offset += n
            mine = tree_lookup(trees[n], w)
            mine = mine.name if mine else None
            if name is None or name == mine or (name, mine) in OBJDUMP_SAME:
                compared += name is not None
                continue
            unknown = name.startswith(".")
            if unknown and (mine is None or mine in OBJDUMP_UNKNOWN_OK or mine in zb):
                continue  # objdump here does not know Zb*; neither side knows others
            problems.append("0x%x: objdump %s, spec %s" % (w, name, mine))
        self.assertGreater(compared, 10000)
        self.assertEqual(problems, [])

    @staticmethod
    def _zb_lines():
        """Lines of riscv64.decode where the Zb* patterns start and end."""
        first = last = None
        with open(RISCV_SPEC) as f:
            for n, line in enumerate(f, 1):
                if line.startswith("# ---- Zba"):
                    first = n
                if line.startswith(".decoder decode16"):
                    last = n
        assert first and last and first < last, "riscv64.decode sections moved"
        return first, last


HARNESS = r"""
#include <inttypes.h>
#include <stdio.h>
#include "t_decode.h"
struct Ctx { int calls; };
bool t_trans_add(struct Ctx *c, const TArgR *a) { c->calls++; return a->rd != 31; }
bool t_trans_sub(struct Ctx *c, const TArgR *a) { return true; }
bool t_trans_beq(struct Ctx *c, const TArgB *a) { return true; }
bool t_trans_nop(struct Ctx *c, const TArgE *a) { return true; }
bool t_trans_addz(struct Ctx *c, const TArgR *a) { return true; }
int main(void)
{
    static const uint32_t words32[] = {0x00c58533, 0x40c58533, 0x80b50063, 0x7eb50fe3,
                                       0x00000013, 0x00c58513, 0xffffffff, 0x00c58537};
    for (unsigned i = 0; i < sizeof(words32) / sizeof(words32[0]); i++) {
        TDecoded d;
        if (!t_d32_match(words32[i], &d)) { printf("none\n"); continue; }
        printf("%s", t_insn_info[d.id].name);
        for (unsigned f = 0; f < t_argset_info[t_insn_info[d.id].argset].nfields; f++)
            printf(" %" PRId64, d.args.raw[f]);
        printf("\n");
    }
    TDecoded d;
    struct Ctx ctx = {0};
    int matched = t_d16_match(0x8012, &d);
    printf("%d %d\n", matched, d.id == T_INSN_CMV);
    int handled = t_dispatch(&ctx, &d);
    printf("%d %d %d\n", handled, ctx.calls, (int)d.args.r.rd);
    printf("%d\n", t_d16_match(0x0012, &d));
    t_d32_match(0x00c58fb3, &d); /* add x31: its trans function refuses it */
    handled = t_dispatch(&ctx, &d);
    printf("%d %d\n", handled, ctx.calls);
    printf("fixed %u %u\n", (unsigned)t_insn_info[T_INSN_CMV].fixed,
           (unsigned)t_insn_info[T_INSN_ADD].fixed);
    return 0;
}
"""

EXPECTED = """add 10 11 12
sub 10 11 12
beq 10 11 -4096
beq 10 11 4094
nop
addz 10 11 12
none
none
1 1
1 1 12
0
0 2
fixed 6 0
"""


class GeneratedCodeTests(unittest.TestCase):
    def test_compiles_warning_free_and_decodes(self):
        cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
        self.assertIsNotNone(cc, "no C compiler")
        with tempfile.TemporaryDirectory() as d:
            spec = gd.parse_spec(SMALL)
            names = gd.Names("t", "T", "Ctx")
            with open(os.path.join(d, "t_decode.h"), "w") as f:
                f.write(gd.gen_header(spec, names, "T_DECODE_H"))
            with open(os.path.join(d, "t_decode.c"), "w") as f:
                f.write(gd.gen_source(spec, names, "t_decode.h"))
            with open(os.path.join(d, "main.c"), "w") as f:
                f.write(HARNESS)
            exe = os.path.join(d, "t")
            r = subprocess.run([cc, "-std=gnu11", "-Wall", "-Wextra", "-Werror",
                                "-Wno-unused-parameter", "-I", d, "-o", exe,
                                os.path.join(d, "t_decode.c"), os.path.join(d, "main.c")],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
            self.assertEqual(out, EXPECTED)


if __name__ == "__main__":
    unittest.main()
