// ledgercheck verifies ekabinet's ledger artefacts with Go's own implementation of signed notes and of RFC 6962
// trees: golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog, the code C2SP's signed-note and
// tlog-checkpoint formats were written from. It shares nothing with the service's Java code: the interoperability
// check of docs/audit.md (LedgerInteropIT runs it).
//
//	ledgercheck -key ledger.vkey [-ledger export.ndjson] [-checkpoint note]... [-receipt r.json]... [-consistency p.json]...
//
// Prints OK and exits 0, or prints the failure and exits 1.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

type line struct {
	Position      int64  `json:"position"`
	CabinetNumber string `json:"cabinetNumber"`
	Type          string `json:"type"`
	Amount        string `json:"amount"`
	BalanceAfter  string `json:"balanceAfter"`
	Cause         string `json:"cause"`
	OccurredAt    string `json:"occurredAt"`
	Hash          string `json:"hash"`
}

func (l line) text() string {
	return strings.Join([]string{strconv.FormatInt(l.Position, 10), l.CabinetNumber, l.Type, l.Amount,
		l.BalanceAfter, l.Cause, l.OccurredAt}, "|")
}

type checkpoint struct {
	size int64
	root tlog.Hash
}

func fail(format string, args ...interface{}) {
	fmt.Printf("FAILED: "+format+"\n", args...)
	os.Exit(1)
}

func must(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

// open checks a signed note with the key and reads the tlog-checkpoint in it.
func open(text string, verifier note.Verifier, what string) checkpoint {
	n, err := note.Open([]byte(text), note.VerifierList(verifier))
	must(err, what)
	body := strings.SplitN(n.Text, "\n", 4)
	if len(body) < 4 || body[0] != verifier.Name() {
		fail("%s: not a checkpoint of origin %s", what, verifier.Name())
	}
	size, err := strconv.ParseInt(body[1], 10, 64)
	must(err, what+": size")
	root, err := base64.StdEncoding.DecodeString(body[2])
	must(err, what+": root")
	var c checkpoint
	c.size = size
	copy(c.root[:], root)
	return c
}

func hashes(encoded []string, what string) []tlog.Hash {
	out := make([]tlog.Hash, len(encoded))
	for i, e := range encoded {
		b, err := base64.StdEncoding.DecodeString(e)
		must(err, what)
		copy(out[i][:], b)
	}
	return out
}

func main() {
	var keyFile, ledgerFile string
	var checkpoints, receipts, proofs files
	flag.StringVar(&keyFile, "key", "", "verifier key file")
	flag.StringVar(&ledgerFile, "ledger", "", "NDJSON ledger export")
	flag.Var(&checkpoints, "checkpoint", "signed checkpoint")
	flag.Var(&receipts, "receipt", "receipt JSON")
	flag.Var(&proofs, "consistency", "consistency proof JSON")
	flag.Parse()

	key, err := os.ReadFile(keyFile)
	must(err, "key")
	verifier, err := note.NewVerifier(strings.TrimSpace(string(key)))
	must(err, "key")

	roots := map[int64]tlog.Hash{}
	for _, file := range checkpoints {
		text, err := os.ReadFile(file)
		must(err, file)
		c := open(string(text), verifier, file)
		if seen, ok := roots[c.size]; ok && seen != c.root {
			fail("%s: fork at size %d", file, c.size)
		}
		roots[c.size] = c.root
	}

	if ledgerFile != "" {
		f, err := os.Open(ledgerFile)
		must(err, ledgerFile)
		var stored []tlog.Hash
		reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
			out := make([]tlog.Hash, len(indexes))
			for i, index := range indexes {
				out[i] = stored[index]
			}
			return out, nil
		})
		previous := strings.Repeat("0", 64)
		scanner := bufio.NewScanner(f)
		var n int64
		for scanner.Scan() {
			if strings.TrimSpace(scanner.Text()) == "" {
				continue
			}
			var l line
			must(json.Unmarshal(scanner.Bytes(), &l), "ledger line")
			if l.Position != n+1 {
				fail("position %d: found line %d", n+1, l.Position)
			}
			chain := sha256.Sum256([]byte(l.text() + "|" + previous))
			if hex.EncodeToString(chain[:]) != l.Hash {
				fail("position %d: chain hash", l.Position)
			}
			added, err := tlog.StoredHashes(n, []byte(l.text()+"|"+l.Hash), reader)
			must(err, "tree")
			stored = append(stored, added...)
			n++
			if root, ok := roots[n]; ok {
				computed, err := tlog.TreeHash(n, reader)
				must(err, "tree")
				if computed != root {
					fail("position %d: Merkle root differs from the signed checkpoint", n)
				}
			}
			previous = l.Hash
		}
		for size := range roots {
			if size > n {
				fail("the ledger has %d lines, a checkpoint signs %d", n, size)
			}
		}
		fmt.Printf("ledger: %d lines, chain and Merkle roots verified\n", n)
	}

	for _, file := range receipts {
		text, err := os.ReadFile(file)
		must(err, file)
		var r struct {
			Line           line     `json:"line"`
			LeafIndex      int64    `json:"leafIndex"`
			Checkpoint     string   `json:"checkpoint"`
			InclusionProof []string `json:"inclusionProof"`
		}
		must(json.Unmarshal(text, &r), file)
		c := open(r.Checkpoint, verifier, file)
		if r.LeafIndex != r.Line.Position-1 {
			fail("%s: proof for leaf %d, line %d", file, r.LeafIndex, r.Line.Position)
		}
		leaf := tlog.RecordHash([]byte(r.Line.text() + "|" + r.Line.Hash))
		must(tlog.CheckRecord(hashes(r.InclusionProof, file), c.size, c.root, r.LeafIndex, leaf), file)
		fmt.Printf("receipt %s: line %d included in the tree of %d\n", file, r.Line.Position, c.size)
	}

	for _, file := range proofs {
		text, err := os.ReadFile(file)
		must(err, file)
		var p struct {
			From   int64    `json:"from"`
			To     int64    `json:"to"`
			Hashes []string `json:"hashes"`
		}
		must(json.Unmarshal(text, &p), file)
		older, ok1 := roots[p.From]
		newer, ok2 := roots[p.To]
		if !ok1 || !ok2 {
			fail("%s: no checkpoints of sizes %d and %d", file, p.From, p.To)
		}
		must(tlog.CheckTree(hashes(p.Hashes, file), p.To, newer, p.From, older), file)
		fmt.Printf("consistency %s: %d extends %d\n", file, p.To, p.From)
	}
	fmt.Println("OK")
}
