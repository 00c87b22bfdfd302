/* main.c - `structure`: layout stream -> issue XML.  See st_main in cli.c. */
#include "structure.h"

int main(int argc, char **argv)
{
	return st_main(argc, argv);
}
