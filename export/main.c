/* main.c - issue-export: the program lives in ix_main (cli.c). */
#include "export.h"

int main(int argc, char **argv)
{
	return ix_main(argc, argv);
}
