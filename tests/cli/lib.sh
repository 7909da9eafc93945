# tests/cli/lib.sh: what the shell tests of tests/cli/ share. Sourced once a script has set T (its
# temporary folder). Two ways to state a test, both counted in pass/fail:
#   check NAME COMMAND...   passes when COMMAND succeeds; on failure its output is shown
#   run CMD... then expect NAME CHECK...   CMD's stdout, stderr and status checked one by one
# and `finish` prints "N passed, N failed" (the line tests/run.sh reads), failing on any failure.
pass=0 fail=0

check() {
    local name=$1
    shift
    if "$@" >"$T/check.out" 2>&1; then
        pass=$((pass + 1))
        echo "ok - $name"
    else
        fail=$((fail + 1))
        echo "not ok - $name"
        sed 's/^/#   /' "$T/check.out" | head -10
    fi
}

# run CMD...: runs it with stdout in $T/stdout, stderr in $T/stderr, status in RC.
run() { "$@" >"$T/stdout" 2>"$T/stderr"; RC=$?; }

# expect NAME CHECK...: each CHECK (about the last `run`) is one of
#   rc N          the exit status was N
#   out RE        stdout matches the extended regex RE     |  err RE     stderr matches RE
#   noout         stdout is empty                          |  noerr      stderr is empty
#   outeq STR     stdout is exactly STR (plus final newline)
#   file P / nofile P    path P exists / does not exist
#   nocrash       no signal death and no sanitizer report (exit < 128, no "runtime error")
#   true CMD      the shell command CMD succeeds (eval'ed)
expect() {
    local name=$1 why="" a
    shift
    while [ $# -gt 0 ]; do
        case $1 in
        rc) [ "$RC" = "$2" ] || why+="exit $RC, expected $2; "; shift 2 ;;
        out) grep -Eq -- "$2" "$T/stdout" || why+="stdout lacks /$2/; "; shift 2 ;;
        err) grep -Eq -- "$2" "$T/stderr" || why+="stderr lacks /$2/; "; shift 2 ;;
        noout) [ ! -s "$T/stdout" ] || why+="stdout not empty; "; shift ;;
        noerr) [ ! -s "$T/stderr" ] || why+="stderr not empty; "; shift ;;
        outeq) a=$(cat "$T/stdout"); [ "$a" = "$2" ] || why+="stdout differs; "; shift 2 ;;
        file) [ -e "$2" ] || why+="$2 missing; "; shift 2 ;;
        nofile) [ ! -e "$2" ] || why+="$2 exists; "; shift 2 ;;
        true) eval "$2" || why+="failed: $2; "; shift 2 ;;
        nocrash)
            [ "$RC" -lt 128 ] || why+="killed by a signal (exit $RC); "
            ! grep -Eq 'runtime error|Sanitizer' "$T/stderr" || why+="sanitizer report; "
            shift ;;
        *) echo "expect: bad check '$1'" >&2; exit 2 ;;
        esac
    done
    if [ -z "$why" ]; then
        pass=$((pass + 1))
        echo "ok - $name"
    else
        fail=$((fail + 1))
        echo "not ok - $name"
        echo "#   $why"
        sed -n '1,6s/^/#   stdout: /p' "$T/stdout"
        sed -n '1,6s/^/#   stderr: /p' "$T/stderr"
    fi
}

finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
