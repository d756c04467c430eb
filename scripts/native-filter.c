/*
 * What disklog's filter workers would cost in C: a reference for docs/performance-disklog.md ("Tried"), built
 * and run by `scripts/disklog-bench.sh floor` when gcc is there. Not part of disklog.
 *
 * It does the workers' job on a seed-format log and nothing else: two threads read the file with pread into a
 * 1 MB buffer each, find every line end (64 bytes a step with AVX-512, as disklog's vector search does; glibc's
 * memchr without it), and give every line the quick test of
 * disklog's quick path (QuickPath.unwanted) for bare lines (8 bytes or more, a letter first, a capital not followed three bytes on by a
 * space, the first four bytes looked up in a table of the handled prefixes' heads). It counts the lines and the
 * lines the test does not turn away. dmesg-format lines ('[' first) are only counted as "looked at": this is the
 * seed format's reference, not a second matcher.
 *
 *   gcc -O2 -march=native -pthread -o native-filter scripts/native-filter.c && ./native-filter FILE
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <immintrin.h>

#define CHUNK (1 << 20)
#define BITS 9

static uint32_t table[1 << BITS];
static uint32_t multiplier;

static uint32_t head_of(const char *s) {
    uint32_t h;
    memcpy(&h, s, 4);
    return h;
}

/* The same heads as disklog's family table (Prefilter), in a table indexed by a multiplicative hash with no collision. */
static void build_table(void) {
    static const char *fixed[] = {
        "scsi", "nvme", "XFS ", "XFS:", "XFS(", "EXT4", "EXT3", "EXT2", "BTRF", "Buff", "JBD2", "Abor", "md/r",
        "md: ", "blk_", "buff", "btrf", "end_", "prin", "prot", "I/O ", "crit", "time", "reco", "usb ", "usb-",
        "Linu", "-- B", "-- R", "devi", "mpt3", "mpt2",
    };
    uint32_t heads[128];
    int n = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        heads[n++] = head_of(fixed[i]);
    }
    for (char d = '0'; d <= '9'; d++) {
        char w[4][5] = {"sd 0", "ata0", "md0:", "md10"};
        w[0][3] = d;
        w[1][3] = d;
        w[2][2] = d;
        w[3][3] = d;
        for (int k = 0; k < 4; k++) {
            heads[n++] = head_of(w[k]);
        }
    }
    for (uint32_t mul = 0x9E3779B1u;; mul += 2) {
        memset(table, 0, sizeof table);
        int ok = 1;
        for (int i = 0; i < n && ok; i++) {
            uint32_t slot = (heads[i] * mul) >> (32 - BITS);
            if (table[slot] != 0) {
                ok = 0;
            }
            table[slot] = heads[i];
        }
        if (ok) {
            multiplier = mul;
            return;
        }
    }
}

/* 1 when the line needs a look (the quick test does not turn it away). */
static inline int looked_at(const unsigned char *s, size_t len) {
    if (len < 8) {
        return 1;
    }
    unsigned char c = s[0];
    int letter = (unsigned) ((c | 0x20) - 'a') < 26;
    if (!(letter && (c >= 'a' || s[3] != ' '))) {
        return 1;
    }
    uint32_t h = head_of((const char *) s);
    return table[(h * multiplier) >> (32 - BITS)] == h; /* a head: the full test decides, counted as a look */
}

struct part {
    int fd;
    off_t from, to;
    long lines, looks;
};

static void *work(void *arg) {
    struct part *p = arg;
    unsigned char *buf = malloc(CHUNK);
    size_t have = 0;
    off_t pos = p->from;
    for (;;) {
        ssize_t r = 0;
        if (pos < p->to) {
            size_t want = CHUNK - have;
            if ((off_t) want > p->to - pos) {
                want = (size_t) (p->to - pos);
            }
            r = pread(p->fd, buf + have, want, pos);
            if (r < 0) {
                perror("pread");
                exit(2);
            }
            pos += r;
            have += (size_t) r;
        }
        int last = pos >= p->to || r == 0;
        unsigned char *s = buf, *end = buf + have;
#ifdef __AVX512BW__
        /* the line ends 64 bytes at a time, as the Java vector loop finds them (one compare, one mask) */
        const __m512i newline = _mm512_set1_epi8('\n');
        unsigned char *i = buf;
        for (; i + 64 <= end; i += 64) {
            uint64_t m = _mm512_cmpeq_epi8_mask(_mm512_loadu_si512((const void *) i), newline);
            while (m != 0) {
                unsigned char *nl = i + __builtin_ctzll(m);
                p->lines++;
                p->looks += looked_at(s, (size_t) (nl - s));
                s = nl + 1;
                m &= m - 1;
            }
        }
        for (; i < end; i++) {
            if (*i == '\n') {
                p->lines++;
                p->looks += looked_at(s, (size_t) (i - s));
                s = i + 1;
            }
        }
#else
        for (;;) {
            unsigned char *nl = memchr(s, '\n', (size_t) (end - s));
            if (nl == NULL) {
                break;
            }
            p->lines++;
            p->looks += looked_at(s, (size_t) (nl - s));
            s = nl + 1;
        }
#endif
        if (last) {
            if (s < end) {
                p->lines++;
                p->looks += looked_at(s, (size_t) (end - s));
            }
            break;
        }
        have = (size_t) (end - s);
        memmove(buf, s, have);
    }
    free(buf);
    return NULL;
}

/* The first offset after a line end at or after `at` (or the size). */
static off_t line_start(int fd, off_t at, off_t size) {
    if (at == 0) {
        return 0;
    }
    unsigned char b[65536];
    while (at < size) {
        ssize_t r = pread(fd, b, sizeof b, at);
        if (r <= 0) {
            break;
        }
        unsigned char *nl = memchr(b, '\n', (size_t) r);
        if (nl != NULL) {
            return at + (nl - b) + 1;
        }
        at += r;
    }
    return size;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: native-filter FILE [THREADS]\n");
        return 2;
    }
    int threads = argc > 2 ? atoi(argv[2]) : 2;
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(argv[1]);
        return 2;
    }
    build_table();
    struct part parts[64];
    pthread_t ids[64];
    off_t share = (st.st_size + threads - 1) / threads;
    for (int t = 0; t < threads; t++) {
        parts[t].fd = fd;
        parts[t].from = line_start(fd, (off_t) t * share, st.st_size);
        parts[t].lines = parts[t].looks = 0;
    }
    for (int t = 0; t < threads; t++) {
        parts[t].to = t + 1 < threads ? parts[t + 1].from : st.st_size;
        pthread_create(&ids[t], NULL, work, &parts[t]);
    }
    long lines = 0, looks = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        lines += parts[t].lines;
        looks += parts[t].looks;
    }
    printf("%ld lines, %ld looked at\n", lines, looks);
    return 0;
}
