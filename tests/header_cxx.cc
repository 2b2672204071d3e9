// The umbrella header must compile as C++ and give C linkage.
#include <egenkontroll/egenkontroll.h>

int main()
{
    return ek_version() == EK_VERSION_NUMBER ? 0 : 1;
}
