namespace ModelDsl.Models.Data;

/// <summary>What the credit is for (attribute 4). Each member names the code the file writes.</summary>
public enum CreditPurpose
{
    /// <summary><c>A40</c>: car (new).</summary>
    [Column("A40")]
    NewCar,

    /// <summary><c>A41</c>: car (used).</summary>
    [Column("A41")]
    UsedCar,

    /// <summary><c>A42</c>: furniture or equipment.</summary>
    [Column("A42")]
    Furniture,

    /// <summary><c>A43</c>: radio or television.</summary>
    [Column("A43")]
    RadioTelevision,

    /// <summary><c>A44</c>: domestic appliances.</summary>
    [Column("A44")]
    Appliances,

    /// <summary><c>A45</c>: repairs.</summary>
    [Column("A45")]
    Repairs,

    /// <summary><c>A46</c>: education.</summary>
    [Column("A46")]
    Education,

    /// <summary><c>A47</c>: vacation (documented, absent from the data).</summary>
    [Column("A47")]
    Vacation,

    /// <summary><c>A48</c>: retraining.</summary>
    [Column("A48")]
    Retraining,

    /// <summary><c>A49</c>: business.</summary>
    [Column("A49")]
    Business,

    /// <summary><c>A410</c>: others.</summary>
    [Column("A410")]
    Other,
}
