/* Exit status via return from main: returns atoi(argv[1]) or 17. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    int code = argc > 1 ? atoi(argv[1]) : 17;
    printf("returning %d from main\n", code);
    return code;
}
