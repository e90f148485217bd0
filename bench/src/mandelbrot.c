/* Benchmark: Mandelbrot set escape iterations over a grid (double precision). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { WIDTH = 512, ROWS_PER_SIZE = 16, MAX_ITER = 256 };

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: mandelbrot SIZE (SIZE >= 1)\n");
        return 2;
    }
    long rows = size * ROWS_PER_SIZE;
    uint64_t sum = 0, inside = 0;
    for (long y = 0; y < rows; y++) {
        double ci = -1.25 + 2.5 * (double)y / (double)rows;
        for (int x = 0; x < WIDTH; x++) {
            double cr = -2.0 + 2.75 * (double)x / WIDTH;
            double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
            int it = 0;
            while (it < MAX_ITER && zr2 + zi2 <= 4.0) {
                zi = 2.0 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                zr2 = zr * zr;
                zi2 = zi * zi;
                it++;
            }
            inside += it == MAX_ITER;
            sum = sum * 31 + (uint64_t)it;
        }
    }
    printf("mandelbrot size=%ld inside=%llu checksum=%016llx\n", size, (unsigned long long)inside,
           (unsigned long long)sum);
    return 0;
}
