/* replay.c: runs files through one fuzz target without libFuzzer, for `make test`.
 *
 *   replay_<target> FILE|DIR...
 *
 * Linked with one tests/fuzz/fuzz_<target>.c (built like the unit tests, with CC and the flags of
 * the build mode, so the asan build replays under ASan+UBSan). A folder stands for its files, in
 * name order. LLVMFuzzerInitialize runs once, then every file runs in a forked child, so a crash,
 * a failed invariant, a sanitizer report (nonzero exit) or a hang (60 s) fails that file only.
 * Prints "ok - FILE" or "not ok - FILE (why)" per file and, last, "N passed, N failed"; exits 1
 * on any failure.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define S_TIMEOUT 60

static int S_passed, S_failed;

static int S_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Child side: reads path and runs it. */
static int S_run(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return 3;
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf) return 3;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

static void S_one(const char *path) {
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        alarm(S_TIMEOUT);
        exit(S_run(path));
    }
    int st = 0;
    if (waitpid(pid, &st, 0) < 0) st = -1;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        S_passed++;
        printf("ok - %s\n", path);
    } else {
        S_failed++;
        if (WIFSIGNALED(st))
            printf("not ok - %s (signal %d%s)\n", path, WTERMSIG(st),
                   WTERMSIG(st) == SIGALRM ? ": timeout" : "");
        else if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
            printf("not ok - %s (cannot read)\n", path);
        else printf("not ok - %s (exit status %d)\n", path, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    }
}

static void S_dir(const char *dir) {
    DIR *dh = opendir(dir);
    if (!dh) {
        S_failed++;
        printf("not ok - %s (cannot read folder)\n", dir);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(dh);
    if (n) qsort(names, n, sizeof *names, S_cmp);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) S_one(names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) S_dir(argv[i]);
        else S_one(argv[i]);
    }
    printf("%d passed, %d failed\n", S_passed, S_failed);
    return S_failed ? 1 : 0;
}
