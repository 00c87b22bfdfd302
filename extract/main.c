/* main.c - pdf2text's entry point; the program is ex_main() in pdf2text.c. */
#include "extract.h"

int main(int argc, char **argv)
{
	return ex_main(argc, argv);
}
