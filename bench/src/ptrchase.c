/* Benchmark: pointer chasing through a linked list laid out as one random cycle (dependent
 * loads with poor locality). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { NODES = 1 << 18, STEPS_PER_SIZE = 50000 };

typedef struct ListNode {
    struct ListNode *next;
    uint64_t value;
} ListNode;

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: ptrchase SIZE (SIZE >= 1)\n");
        return 2;
    }
    ListNode *nodes = malloc(NODES * sizeof(ListNode));
    uint32_t *perm = malloc(NODES * sizeof(uint32_t));
    if (!nodes || !perm)
        return 1;
    /* Sattolo's shuffle gives a single cycle through all nodes. */
    for (uint32_t i = 0; i < NODES; i++)
        perm[i] = i;
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (uint32_t i = NODES - 1; i > 0; i--) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        uint32_t j = (uint32_t)((s >> 33) % i);
        uint32_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (uint32_t i = 0; i < NODES; i++) {
        nodes[i].next = &nodes[perm[i]];
        nodes[i].value = (uint64_t)i * 0x9e3779b97f4a7c15ull;
    }
    free(perm);
    const ListNode *p = &nodes[0];
    uint64_t sum = 0;
    long steps = size * STEPS_PER_SIZE;
    for (long i = 0; i < steps; i++) {
        sum = (sum ^ p->value) + (uint64_t)i;
        p = p->next;
    }
    /* The walk must come back to node 0 after exactly NODES steps. */
    const ListNode *q = &nodes[0];
    long cycle = 0;
    do {
        q = q->next;
        cycle++;
    } while (q != &nodes[0]);
    printf("ptrchase size=%ld cycle=%ld end=%ld checksum=%016llx\n", size, cycle, (long)(p - nodes),
           (unsigned long long)sum);
    free(nodes);
    return 0;
}
